"""Small modal dialogs that return a typed answer through `dismiss`."""

"""The data package: `loader.load_dataset` reads and checks it (see the modules for each layer)."""

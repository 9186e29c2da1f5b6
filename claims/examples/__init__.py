"""Example articles bundled for `claimcheck demo`."""

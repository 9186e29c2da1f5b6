"""Recorded HTTP (vcrpy cassettes) shipped with claimcheck: the demo and the labelled sets."""

"""marsad (مرصد): Arabic news observatory — articles from many outlets in, a sourced dossier per story out."""

__version__ = "0.1.0"

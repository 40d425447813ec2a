"""httpcode: explains HTTP, IIS, FTP and Windows error codes from pasted text."""

__version__ = "0.1.0"

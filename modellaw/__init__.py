"""modellaw: a model law and a parliamentary oversight guide against online child sexual exploitation and abuse."""

__version__ = "0.1.0"

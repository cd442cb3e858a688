"""The negotiation brief (:func:`brief`, :class:`Brief`, :func:`brief_options`)."""

from loanrelief._presentation.briefs._account import Brief, brief, brief_options

__all__ = ["Brief", "brief", "brief_options"]

"""The negotiation brief: a page a borrower can read, print and send to the lender.

:func:`brief` gathers what the library knows about an account (or several debts) into
one document: what is owed today and what each week of delay adds, what the law
allows (the court view), the options side by side with what each costs and what the
lender gains against a default, the plan that fits the borrower's budget and why, and
a draft request to the lender (协商还款申请) filled with those figures, the borrower's
own details left as fields to complete.

Every figure is computed here, by the library's own functions (:func:`account_state`'s
payoff lines, :func:`cost_of_delay`, :func:`court_view`, :func:`compare`,
:func:`solve`, :func:`lender_npv`, :func:`plan_debts`), into a neutral outline of
sections, paragraphs, tables and charts; the HTML and Markdown renderers only write
that outline out, so both carry the same figures. Text comes from the translation
table (:mod:`loanrelief._presentation.i18n`) in English or Chinese. The HTML page is self-contained
(charts are inline SVG, no network access is needed) and prints on A4.

Text a user gave (a creditor's name, an app's lever label, a rule's name or article)
is plain text in the outline, on one line (:func:`_one_line`: a line break or another
control character in it becomes a space, so it cannot start a line of the letter or a
block of the page). Text made from a phrase of the table is a :class:`_Text`, which
knows which of its parts are the phrase's own and which were filled in. Each renderer
writes every piece of text as text: the HTML one escapes it (``html.escape``), the
Markdown one with :func:`_markdown_text` (no emphasis, code, table cell, heading,
list, HTML or link can come out of it; only the phrases' own brackets, the letter's
``[your name]``, are left as they are).

The package's modules: :mod:`._build` (:func:`brief`), :mod:`._account` (the one-account
brief and :func:`brief_options`), :mod:`._court` (the court section), :mod:`._debts`
(several debts), :mod:`._letters`, :mod:`._page` (the page being built, and who it is
addressed to), :mod:`._outline` (what both renderers write) and :mod:`._document`
(:class:`Brief` and the two renderers).
"""

from loanrelief._presentation.briefs._account import brief_options
from loanrelief._presentation.briefs._build import brief
from loanrelief._presentation.briefs._document import Brief

__all__ = ["Brief", "brief", "brief_options"]

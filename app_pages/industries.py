"""Industries: breakdown, year-on-year comparison, trend."""

from ui.breakdown_page import render

render("industry", "page_industries")

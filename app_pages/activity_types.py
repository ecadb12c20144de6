"""Activity types: breakdown, year-on-year comparison, trend."""

from ui.breakdown_page import render

render("activity_type", "page_types")

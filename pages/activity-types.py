"""The address /activity-types on a freshly started server (Streamlit's legacy pages/ mode): see ui.nav."""

from ui.nav import redirect_address

redirect_address(__file__)

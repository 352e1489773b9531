"""The Chalice entry point: create the app and attach the routes. Nothing else lives here."""

from chalice.app import Chalice

from chalicelib.api import register

app = Chalice(app_name="cocrea")
register(app)

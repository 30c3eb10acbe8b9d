"""REST API wiring: the NinjaAPI, authentication and error mapping. Each app owns its api.py."""

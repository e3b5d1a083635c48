"""API routers. Each module defining `router` is included by `service.app.create_app`."""

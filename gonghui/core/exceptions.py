"""Domain errors raised by services; interfaces turn them into 400/403 with the Chinese message."""


class DomainError(Exception):
    """A rule of the domain refused the operation; the message is shown to the user."""

    status_code = 400

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code or self.__class__.__name__


class PermissionDenied(DomainError):
    status_code = 403


class NotFound(DomainError):
    status_code = 404


class InvalidTransition(DomainError):
    """A workflow verb was used in a state that does not allow it."""


class ValidationFailed(DomainError):
    """Input failed validation; `errors` maps a field (or row) to its messages."""

    def __init__(
        self, message: str, *, errors: dict | list | None = None, field: str | None = None
    ):
        super().__init__(message, field=field)
        self.errors = errors or {}

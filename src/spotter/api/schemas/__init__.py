"""The API's request and response bodies (Pydantic models), by area."""

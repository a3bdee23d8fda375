"""Tests of the services as processes, over HTTP, RabbitMQ and a real
database."""


def tempest_validate(schema, resp):
    """Check a ``requests`` response as tempest's compute client does:
    status code, body and headers against tempest.lib's response
    schema; an error status fails at once (the client would raise)."""
    from tempest.lib.common import rest_client

    assert resp.status_code in schema['status_code'], (resp.status_code,
                                                       resp.text)

    class Headers(dict):
        status = resp.status_code

    rest_client.RestClient.validate_response(
        schema, Headers({k.lower(): v for k, v in resp.headers.items()}),
        resp.json())

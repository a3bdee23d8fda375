"""The API tier: a running deployment (the four services as processes on
RabbitMQ and MariaDB, with the fake virt driver) driven over HTTP by
tempest.lib's compute service clients, so that every answer is checked
against tempest.lib's response schema of the microversion asked for and
every refusal against Nova's fault document.

One test, one behaviour of the API as a user of it sees it: the users
are an admin, a member and a reader of project A, and a member of
project B.
"""

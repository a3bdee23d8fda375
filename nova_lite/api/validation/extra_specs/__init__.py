"""The flavor extra specs Nova knows, one module per namespace, and
their validation from microversion 2.86 (see ``validators``)."""

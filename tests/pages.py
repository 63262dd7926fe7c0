"""Reading a page in a test: its HTML and what it cost, for the cached-page tests."""

import re

from django.db import connection


def read_page(client, url):
    """The page's HTML (it must answer 200) and the number of SQL queries it took."""
    queries = []

    def count(run, sql, *args):
        queries.append(sql)
        return run(sql, *args)

    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode(), len(queries)


def unmasked(html):
    """The page less its CSRF tokens, which are masked anew for every response."""
    return re.sub(r'(X-CSRFToken": "|csrfmiddlewaretoken" value=")[^"]+', r"\1", html)


def csrf_token(html):
    """The first form token on the page."""
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

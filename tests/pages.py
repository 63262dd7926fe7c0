"""Reading a page in a test: its HTML and what it cost, for the cached-page tests."""

import re

from django.db import connection


def count_queries(read):
    """The number of SQL queries `read()` runs (counted with a wrapper: CaptureQueriesContext
    loses the queries of a request that starts inside it)."""
    queries = []

    def count(run, sql, *args):
        queries.append(sql)
        return run(sql, *args)

    with connection.execute_wrapper(count):
        read()
    return len(queries)


def read_page(client, url):
    """The page's HTML (it must answer 200) and the number of SQL queries it took."""
    responses = []
    queries = count_queries(lambda: responses.append(client.get(url)))
    (response,) = responses
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode(), queries


def unmasked(html):
    """The page less its CSRF tokens, which are masked anew for every response."""
    return re.sub(r'(X-CSRFToken": "|csrfmiddlewaretoken" value=")[^"]+', r"\1", html)


def csrf_token(html):
    """The first form token on the page."""
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

FROM python:3.11-slim-bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
    fonts-wqy-microhei gettext \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN DEBUG=true python manage.py compilemessages --ignore=.venv \
 && DEBUG=true python manage.py collectstatic --noinput
ENV DEBUG=false
CMD ["gunicorn", "ipguard.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]

"""Prometheus metrics of one app (its own registry, so several apps can live in one process)."""

from __future__ import annotations

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)

from .core import Outcome


class Metrics:
    """Requests, latencies, documents checked, findings by rule, jobs in progress."""

    def __init__(self) -> None:
        disable_created_metrics()  # the *_created series double the text and say little
        self.registry = CollectorRegistry()
        self.requests = Counter("hecha_http_requests", "HTTP requests answered",
                                ["method", "route", "status"], registry=self.registry)
        self.latency = Histogram("hecha_http_request_duration_seconds", "HTTP request latency",
                                 ["method", "route"], registry=self.registry,
                                 buckets=(.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30))
        self.documents = Counter("hecha_documents_checked", "documents checked, by outcome and mode",
                                 ["outcome", "mode"], registry=self.registry)
        self.findings = Counter("hecha_findings", "findings reported, by rule and severity",
                                ["rule", "severity"], registry=self.registry)
        self.check_seconds = Histogram("hecha_check_duration_seconds", "time to check one document",
                                       registry=self.registry,
                                       buckets=(.05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120))
        self.jobs_running = Gauge("hecha_jobs_running", "documents being checked now",
                                  registry=self.registry)

    def checked(self, outcome: Outcome, mode: str, seconds: float) -> None:
        self.documents.labels("done" if outcome.ok else "failed", mode).inc()
        self.check_seconds.observe(seconds)
        for (rule, severity), n in outcome.by_rule.items():
            self.findings.labels(rule, severity).inc(n)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)

"""Program metrics: what an alternative-response program reports (docs/program-metrics.md)."""

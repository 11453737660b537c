"""What the bench scripts read from the gateway's /actuator/prometheus (imported, not run)."""
import urllib.request


def upstream_calls(base, key):
    """taskgateway_upstream_requests_seconds_count by source and outcome: {source: {outcome: calls}}."""
    request = urllib.request.Request(base + "/actuator/prometheus", headers={"X-API-Key": key})
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read().decode()
    calls = {}
    for line in text.splitlines():
        if line.startswith("taskgateway_upstream_requests_seconds_count{"):
            labels, value = line[line.index("{") + 1:line.index("}")], float(line.rsplit(" ", 1)[1])
            tags = dict(part.split("=", 1) for part in labels.split(","))
            source, outcome = tags["source"].strip('"'), tags["outcome"].strip('"')
            calls.setdefault(source, {}).setdefault(outcome, 0)
            calls[source][outcome] += int(value)
    return calls

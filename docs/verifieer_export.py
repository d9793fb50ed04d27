import hashlib, json, sys  # python3 verifieer_export.py EXPORT.ndjson: exit 1 at the first break
last = {}  # per partnership: (number, hash) of the last record checked
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    if "ketenkop" in r:  # the chain head: where the export reaches it, it is the last record
        k = r["ketenkop"]; n, h = last.get(k["zvh"], (None, None))
        if n is not None and (n > k["volgnummer"] or n == k["volgnummer"] and h != k["hash"]):
            sys.exit(f"BROKEN {k['zvh']}: the head is not the last record")
        continue
    k = r["keten"]; c = json.loads(k["inhoud"]); z = c["zvh"]  # an export may start mid-chain:
    n, h = last.get(z, (k["volgnummer"] - 1, k["vorige_hash"] if k["volgnummer"] > 1 else "0" * 64))
    digest = hashlib.sha256(k["vorige_hash"].encode() + b"\n" + k["inhoud"].encode()).hexdigest()
    if (k["volgnummer"], k["vorige_hash"], digest) != (n + 1, h, k["hash"]) or (
        c["volgnummer"], c["traceId"], c["spanId"], c["activiteit"], c["tijdstip"]
    ) != (k["volgnummer"], r["trace_id"], r["operation_id"], r["name"], r["start_time"]):
        sys.exit(f"BROKEN {z}: record {k['volgnummer']} (id {c['id']})")
    last[z] = (k["volgnummer"], k["hash"])
print("intact:", ", ".join(f"{z} up to record {n}" for z, (n, _) in last.items()))

-- pgbench's raw baseline for build/bench/load.sh: what one command and one read cost PostgreSQL at the least, an insert
-- of an event-sized jsonb row and a read of the newest 50 rows, on the same server as the service.
\set n random(1, 1000000)
INSERT INTO bench_raw (id, data) VALUES (gen_random_uuid(), jsonb_build_object('title', 'Load test incident ' || :n, 'shop', 'load-shop', 'kind', 'checkout-skimmer'));
SELECT id, data FROM bench_raw ORDER BY seq DESC LIMIT 50;

#!/usr/bin/env bats
# cs-record keygen, checkpoint, prove and verify --checkpoint/--proof: the
# ledger pinned from outside (issue 12, section 1).  A cut tail, a chain
# rewritten from some event on, a trailing unmask event deleted: each
# passes plain verify and fails verify --checkpoint, which names it.
bats_require_minimum_version 1.5.0
load helpers

CP="$FIXTURES/checkpoint"
# The root of the tree of the 25 events of add_records.
ROOT25='26IDexbhLGoEHcTey+5uAk0+1/Hq70rbMCqLH6gGh+Q='
HEAD25=6f10a125d9718eb56b7b64b2a5919d33419ddc717a32855c2629821cb5fc2815
SIGNER='credit.db+d77485ff'

# The store of add_records in ./credit.db, signed with the fixed test key.
setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
	export CS_DB=credit.db
	cp "$CP/signer.key" "$CP/signer.key.pub" "$CP/other.key" "$CP/other.key.pub" .
	chmod 600 signer.key other.key
}

# Rewrite the body of event $1 (replace $2 with $3) and recompute every
# hash from there on, as someone who can compute SHA-256 could (the
# bodies as cs-record events gives them, written back as JSON text).
rewrite_from() {
	local seq at op tool action subject body prev json hash
	prev=$(sqlite3 "$CS_DB" "SELECT lower(hex(hash)) FROM ledger WHERE seq = $(($1 - 1))")
	cs-record events >events.ndjson
	while IFS='|' read -r seq at op tool action subject; do
		body=$(jq -c --argjson s "$seq" 'select(.seq == $s) | .body' events.ndjson)
		[ "$seq" != "$1" ] || body=${body//$2/$3}
		json=$(printf '{"action":"%s","at":"%s","body":%s,"operator":"%s","prev_hash":"%s","seq":%s,"subject":"%s","tool":"%s"}' \
		    "$action" "$at" "$body" "$op" "$prev" "$seq" "$subject" "$tool")
		hash=$(printf '%s' "$json" | sha256sum | cut -d' ' -f1)
		sqlite3 "$CS_DB" "UPDATE ledger SET body = '$body', prev_hash = X'$prev', hash = X'$hash' WHERE seq = $seq"
		prev=$hash
	done < <(sqlite3 "$CS_DB" "SELECT seq, at, operator, tool, action, subject FROM ledger WHERE seq >= $1 ORDER BY seq")
}

@test "cs-record checkpoint: origin, tree size and root as a signed note (C2SP), signed with Ed25519" {
	add_records
	run -0 --separate-stderr cs-record checkpoint --key=signer.key
	assert_output "credit.db
25
$ROOT25

— credit.db 13SF/z+08KqQZ8ZtlB7Bgql9iebRsqNT4kWM8jUHsKBSxzsoaJHpvVS0HaLtnrTgnqC+mZbr0MMQNBv8LoFVT98VTAQ="
	assert_stderr "cs-record: signed tree size 25 with key '$SIGNER' (25 events read)"
	# CS_KEY names the key too; -o writes a file and nothing to stdout.
	CS_KEY=signer.key run -0 --separate-stderr cs-record -q checkpoint -o cp
	assert_output ''
	assert_stderr ''
	assert_equal "$(sed -n 3p cp)" "$ROOT25"
	[ ! -e credit.db.key ]
}

@test "cs-record checkpoint: the root is the RFC 6962 root of the event hashes" {
	command -v python3 >/dev/null || skip "needs python3"
	add_records
	cs-record -q checkpoint --key=signer.key >cp
	run -0 python3 -c '
import base64, hashlib, sqlite3, sys
h = [r[0] for r in sqlite3.connect(sys.argv[1]).execute("SELECT hash FROM ledger ORDER BY seq")]
def mth(d):
    if len(d) == 1:
        return hashlib.sha256(b"\0" + d[0]).digest()
    k = 1
    while 2 * k < len(d):
        k *= 2
    return hashlib.sha256(b"\1" + mth(d[:k]) + mth(d[k:])).digest()
print(base64.b64encode(mth(h)).decode())' "$CS_DB"
	assert_output "$(sed -n 3p cp)"
}

@test "cs-record checkpoint: the store's own key is made at first use, 0600, with its public key" {
	add_records
	run -0 --separate-stderr cs-record checkpoint
	assert_equal "${stderr_lines[0]}" "cs-record: made key 'credit.db.key' (public key 'credit.db.key.pub'): keep it private and publish the public key"
	assert_regex "${stderr_lines[1]}" "^cs-record: signed tree size 25 with key 'credit\.db\+[0-9a-f]{8}' \(25 events read\)$"
	assert_equal "$(stat -c %a credit.db.key) $(stat -c %a credit.db.key.pub)" '600 644'
	assert_regex "$(cat credit.db.key)" '^PRIVATE\+KEY\+credit\.db\+[0-9a-f]{8}\+A[A-Za-z0-9+/]{43}$'
	assert_regex "$(cat credit.db.key.pub)" '^credit\.db\+[0-9a-f]{8}\+A[A-Za-z0-9+/]{43}$'
	# The next one uses it; verify finds the public key beside it.
	run -0 --separate-stderr cs-record checkpoint -o cp
	assert_equal "${#stderr_lines[@]}" 1
	run -0 --separate-stderr cs-record verify --checkpoint=cp
	assert_equal "${stderr_lines[1]}" "cs-record: checkpoint 'cp' (tree size 25) matches the ledger"
}

@test "cs-record keygen: makes a key and its public key, prints it, never over an existing one" {
	run -0 --separate-stderr cs-record keygen
	assert_output "$(cat credit.db.key.pub)"
	assert_stderr "cs-record: made key 'credit.db.key' and its public key 'credit.db.key.pub'"
	assert_equal "$(stat -c %a credit.db.key)" 600
	local key
	key=$(cat credit.db.key)
	run -73 --separate-stderr cs-record keygen
	assert_output ''
	assert_stderr "cs-record: key 'credit.db.key' exists; remove it first to make a new one"
	assert_equal "$(cat credit.db.key)" "$key"
	run -0 --separate-stderr cs-record -q keygen --key=k2
	assert_regex "$output" '^credit\.db\+[0-9a-f]{8}\+'
	assert_stderr ''
	run -73 --separate-stderr cs-record keygen --key=no/such/dir/k
	assert_stderr "cs-record: cannot create 'no/such/dir/k': No such file or directory"
}

@test "cs-record checkpoint and keygen >/dev/full: the write error with its own errno, and no success claimed" {
	add_records
	run -74 --separate-stderr sh -c 'cs-record checkpoint --key=signer.key >/dev/full'
	assert_stderr "cs-record: write error on stdout: No space left on device"
	run -74 --separate-stderr sh -c 'cs-record -q checkpoint --key=signer.key >/dev/full'
	assert_stderr "cs-record: write error on stdout: No space left on device"
	run -74 --separate-stderr sh -c 'cs-record keygen --key=k3 >/dev/full'
	assert_stderr "cs-record: write error on stdout: No space left on device"
	# The key was made before the write: its public key is beside it.
	assert_regex "$(cat k3.pub)" '^credit\.db\+[0-9a-f]{8}\+'
}

@test "cs-record checkpoint: a key that cannot be read, a public key, a file that is no key" {
	add_records
	run -66 --separate-stderr cs-record checkpoint --key=missing.key
	assert_output ''
	assert_stderr "cs-record: cannot read key 'missing.key': No such file or directory"
	CS_KEY=missing.key run -66 --separate-stderr cs-record checkpoint
	assert_stderr "cs-record: cannot read key 'missing.key': No such file or directory"
	run -65 --separate-stderr cs-record checkpoint --key=signer.key.pub
	assert_stderr "cs-record: signer.key.pub: a public key cannot sign: give the private key ('PRIVATE+KEY+...')"
	echo hello >bad.key
	run -65 --separate-stderr cs-record checkpoint --key=bad.key
	assert_stderr "cs-record: bad.key: not a key ('NAME+HASH+KEYDATA' or 'PRIVATE+KEY+NAME+HASH+KEYDATA')"
	[ ! -e credit.db.key ]
}

@test "cs-record verify: prints the tree size and the whole head; a checkpoint that matches" {
	add_records
	cs-record -q checkpoint --key=signer.key >cp
	run -0 --separate-stderr cs-record verify --checkpoint=cp --pubkey=signer.key.pub
	assert_output ''
	assert_stderr - <<EOF
cs-record: verified 25 events: the chain is intact and the tables match the ledger (tree size 25, head $HEAD25)
cs-record: checkpoint 'cp' (tree size 25) matches the ledger
EOF
	# More events later: the old checkpoint still holds; -q says nothing.
	printf 'uscc,type,decided_on\n91110000600037341L,education,2026-01-05\n' >in.csv
	cs-record -q add --as-of=2026-11-26 in.csv
	run -0 --separate-stderr cs-record -q verify --checkpoint=cp --pubkey=signer.key
	assert_stderr ''
}

@test "cs-record verify --checkpoint: a cut tail with the tables restored (issue 12)" {
	add_records
	cp "$CS_DB" older.db
	printf 'uscc,type,decided_on\n91110000600037341L,education,2026-01-05\n' >in.csv
	cs-record -q add --as-of=2026-11-26 in.csv
	cs-record -q checkpoint --key=signer.key >cp
	# An older copy put back: a tail cut with every table to match.
	cp older.db "$CS_DB"
	run -0 --separate-stderr cs-record verify
	run -1 --separate-stderr cs-record verify --checkpoint=cp --pubkey=signer.key.pub
	assert_output ''
	assert_stderr - <<'EOF'
cs-record: checkpoint 'cp' (tree size 26): the ledger has 25 events: the events from seq 26 on were removed
cs-record: verify failed at ledger seq 26
EOF
}

@test "cs-record verify --checkpoint: a chain rewritten consistently from seq 11 (issue 12)" {
	add_records
	cs-record -q checkpoint --key=signer.key >cp25
	rewrite_from 11 '售卖过期食品' '售卖食品'
	run -0 sqlite3 "$CS_DB" "SELECT body LIKE '%售卖食品%' FROM ledger WHERE seq = 11"
	assert_output 1
	run -0 --separate-stderr cs-record verify
	run -1 --separate-stderr cs-record verify --checkpoint=cp25 --pubkey=signer.key.pub
	assert_stderr - <<'EOF'
cs-record: checkpoint 'cp25' (tree size 25): the ledger's first 25 events have another root: some event of seq 1 to 25 was changed (which, a checkpoint of fewer events can tell)
cs-record: verify failed: some event of ledger seq 1 to 25 differs from what a checkpoint signed
EOF
}

@test "cs-record verify --checkpoint: an older checkpoint that still matches places the change" {
	add_records
	# A store that stops at seq 10 has the same first 10 events.
	cp "$CS_DB" full.db
	sqlite3 "$CS_DB" "DELETE FROM ledger WHERE seq > 10"
	cs-record -q checkpoint --key=signer.key >cp10 2>/dev/null || true
	cp full.db "$CS_DB"
	rm -f "$CS_DB-wal" "$CS_DB-shm"
	cs-record -q checkpoint --key=signer.key >cp25
	assert_equal "$(sed -n 2p cp10)" 10
	rewrite_from 11 '售卖过期食品' '售卖食品'
	run -0 --separate-stderr cs-record verify
	run -1 --separate-stderr cs-record verify --checkpoint=cp10 --checkpoint=cp25 --pubkey=signer.key.pub
	assert_stderr - <<'EOF'
cs-record: checkpoint 'cp10' (tree size 10) matches the ledger
cs-record: checkpoint 'cp25' (tree size 25): the ledger's first 25 events have another root: some event of seq 11 to 25 was changed (which, a checkpoint of fewer events can tell)
cs-record: verify failed: some event of ledger seq 11 to 25 differs from what a checkpoint signed
EOF
}

@test "cs-record verify --checkpoint: a checkpoint of another store is said to be one, not a change" {
	add_records
	cs-record -q -d other.db init
	cs-record -q -d other.db add --as-of=2026-11-26 "$FIXTURES/record/records.csv"
	printf 'uscc,type,decided_on\n91110000600037341L,education,2026-01-05\n' >in.csv
	cs-record -q -d other.db add --as-of=2026-11-26 in.csv
	cs-record -q -d other.db checkpoint --key=signer.key >other-cp
	assert_equal "$(head -n 1 other-cp)" other.db
	run -1 --separate-stderr cs-record verify --checkpoint=other-cp --pubkey=signer.key.pub
	assert_stderr - <<'EOF'
cs-record: checkpoint 'other-cp' (tree size 26) is a checkpoint of another store (origin 'other.db', this store is 'credit.db')
cs-record: verify failed: a checkpoint does not hold
EOF
	# The same ledger under another name (a copy, a rename) still holds.
	cs-record -q checkpoint --key=signer.key >cp
	cp "$CS_DB" renamed.db
	run -0 --separate-stderr cs-record -d renamed.db verify --checkpoint=cp --pubkey=signer.key.pub
	assert_stderr - <<EOF
cs-record: verified 25 events: the chain is intact and the tables match the ledger (tree size 25, head $HEAD25)
cs-record: checkpoint 'cp' (tree size 25) matches the ledger
EOF
}

@test "cs-record verify --checkpoint: a deleted trailing unmask event (issue 12)" {
	fixture_store "$FIXTURES/blacklist/entities.csv" "$FIXTURES/blacklist/records.csv" --as-of=2026-09-30
	printf 'uscc,list,basis,legal_rep,legal_rep_id\n91330106438440473M,key,GD1,丁然静,330106198812312445\n' >k.csv
	cs-blacklist -q add --as-of=2026-09-30 k.csv >/dev/null
	cs-blacklist -q ls --unmasked --operator=auditor --as-of=2026-10-01 >/dev/null
	run -0 sqlite3 "$CS_DB" "SELECT seq, action FROM ledger ORDER BY seq DESC LIMIT 1"
	assert_output '15|unmask'
	cs-record -q checkpoint --key=signer.key >cp
	sqlite3 "$CS_DB" "DELETE FROM ledger WHERE seq = 15"
	run -0 --separate-stderr cs-record verify
	run -1 --separate-stderr cs-record verify --checkpoint=cp --pubkey=signer.key.pub
	assert_stderr - <<'EOF'
cs-record: checkpoint 'cp' (tree size 15): the ledger has 14 events: the events from seq 15 on were removed
cs-record: verify failed at ledger seq 15
EOF
}

@test "cs-record verify --checkpoint: a changed checkpoint, or one signed by another key, proves nothing" {
	add_records
	cs-record -q checkpoint --key=signer.key >cp
	sed '2s/25/24/' cp >changed
	run -1 --separate-stderr cs-record verify --checkpoint=changed --pubkey=signer.key.pub
	assert_stderr - <<EOF
cs-record: checkpoint 'changed': the signature of key '$SIGNER' does not hold: the checkpoint was changed
cs-record: verify failed: a checkpoint does not hold
EOF
	run -1 --separate-stderr cs-record verify --checkpoint=cp --pubkey=other.key.pub
	assert_stderr - <<'EOF'
cs-record: checkpoint 'cp' is not signed by key 'credit.db+76284258'
cs-record: verify failed: a checkpoint does not hold
EOF
}

@test "cs-record verify --checkpoint: files that are no checkpoints, and no key to check with" {
	add_records
	printf 'credit.db\n25\nAAAA\n\n' >bad
	run -65 --separate-stderr cs-record verify --checkpoint=bad
	assert_stderr "cs-record: bad:3: the root is not the base64 of a 32-byte hash"
	run -66 --separate-stderr cs-record verify --checkpoint=missing
	assert_stderr "cs-record: cannot read checkpoint 'missing': No such file or directory"
	cs-record -q checkpoint --key=signer.key >cp
	run -66 --separate-stderr cs-record verify --checkpoint=cp
	assert_stderr "cs-record: no key to check the signatures with: neither 'credit.db.key' nor 'credit.db.key.pub' can be read; give --pubkey"
	run -64 --separate-stderr cs-record verify --checkpoint=cp --proof=cp
	assert_equal "${stderr_lines[0]}" "cs-record verify: --proof is checked without the store: give it without --checkpoint"
}

@test "cs-record prove: an inclusion proof (C2SP tlog-proof) checked by verify --proof without the store" {
	add_records
	cs-record -q checkpoint --key=signer.key >cp
	run -0 --separate-stderr cs-record prove 11 --checkpoint=cp
	assert_stderr ''
	assert_line --index 0 'c2sp.org/tlog-proof@v1'
	assert_line --index 2 'index 10'
	printf '%s\n' "$output" >p11
	local hash
	hash=$(sqlite3 "$CS_DB" "SELECT lower(hex(hash)) FROM ledger WHERE seq = 11")
	assert_equal "$(sed -n 2p p11)" "extra $(printf "$(sed 's/../\\x&/g' <<<"$hash")" | base64 -w0)"
	assert_equal "$(sed -n '/^$/,$p' p11 | tail -n +2)" "$(cat cp)"
	mv "$CS_DB" elsewhere.db
	run -0 --separate-stderr cs-record verify --proof=p11 --pubkey=signer.key.pub
	assert_stderr "cs-record: proof 'p11': event seq 11 (hash $hash) is in the tree of 25 events of 'credit.db'"
	# A proof that does not lead to the root, a proof of another key.
	sed '4s/^./A/' p11 >bad
	[ "$(sed -n 4p bad)" != "$(sed -n 4p p11)" ] || sed -i '4s/^./B/' bad
	run -1 --separate-stderr cs-record verify --proof=bad --proof=p11 --pubkey=signer.key.pub
	assert_stderr - <<EOF
cs-record: proof 'bad': the proof does not lead from event seq 11 (hash $hash) to the root of the tree of 25 events
cs-record: proof 'p11': event seq 11 (hash $hash) is in the tree of 25 events of 'credit.db'
EOF
	run -1 --separate-stderr cs-record verify --proof=p11 --pubkey=other.key.pub
	assert_stderr "cs-record: proof 'p11': the checkpoint of tree size 25 is not signed by key 'credit.db+76284258'"
	printf 'c2sp.org/tlog-proof@v1\nindex 1\nxyz\n' >broken
	run -65 --separate-stderr cs-record verify --proof=broken --pubkey=signer.key.pub
	assert_stderr "cs-record: broken:3: the line is not the base64 of a 32-byte hash"
}

@test "cs-record prove: every event of the ledger has a proof that holds" {
	add_records
	cs-record -q checkpoint --key=signer.key >cp
	local s
	for s in $(seq 25); do
		cs-record prove "$s" --checkpoint=cp -o "p$s"
		cs-record -q verify --proof="p$s" --pubkey=signer.key.pub
	done
}

@test "cs-record prove: a consistency proof between two checkpoints, checked without the store" {
	add_records
	cs-record -q checkpoint --key=signer.key >cp25
	printf 'uscc,type,decided_on\n91110000600037341L,education,2026-01-05\n' >in.csv
	cs-record -q add --as-of=2026-11-26 in.csv
	cs-record -q checkpoint --key=signer.key >cp26
	run -0 --separate-stderr cs-record prove --checkpoint=cp26 --checkpoint=cp25 -o c.proof
	assert_output ''
	assert_equal "$(head -1 c.proof)" 'cs-consistency-proof@v1'
	run -0 --separate-stderr cs-record verify --proof=c.proof --pubkey=signer.key.pub
	assert_stderr "cs-record: proof 'c.proof': the tree of 25 events of 'credit.db' is the start of the tree of 26 events"
	# A proof with one hash changed shows nothing.
	sed '2s/^./A/' c.proof >bad
	[ "$(sed -n 2p bad)" != "$(sed -n 2p c.proof)" ] || sed -i '2s/^./B/' bad
	run -1 --separate-stderr cs-record verify --proof=bad --pubkey=signer.key.pub
	assert_stderr "cs-record: proof 'bad': the proof does not show that the tree of 25 events of 'credit.db' is the start of the tree of 26 events of 'credit.db'"
	# Once the ledger is rewritten, the old checkpoint cannot be proved.
	rewrite_from 11 '售卖过期食品' '售卖食品'
	run -1 --separate-stderr cs-record prove --checkpoint=cp25 --checkpoint=cp26
	assert_output ''
	assert_stderr "cs-record: the checkpoint of tree size 25 does not match the ledger, whose first 25 events have another root; run 'cs-record verify --checkpoint'"
}

@test "cs-record prove: wrong calls" {
	add_records
	cs-record -q checkpoint --key=signer.key >cp
	run -64 --separate-stderr cs-record prove 3
	assert_equal "${stderr_lines[0]}" "cs-record prove: give SEQ and one --checkpoint, or two --checkpoint and no SEQ"
	run -64 --separate-stderr cs-record prove --checkpoint=cp
	assert_equal "${stderr_lines[0]}" "cs-record prove: give SEQ and one --checkpoint, or two --checkpoint and no SEQ"
	run -64 --separate-stderr cs-record prove x --checkpoint=cp
	assert_equal "${stderr_lines[0]}" "cs-record prove: invalid SEQ 'x': expected a whole number from 1 to 4611686018427387904"
	run -65 --separate-stderr cs-record prove 26 --checkpoint=cp
	assert_stderr "cs-record: seq 26 is not in the checkpoint's tree (size 25)"
	sqlite3 "$CS_DB" "DELETE FROM ledger WHERE seq = 25"
	run -1 --separate-stderr cs-record prove 3 --checkpoint=cp
	assert_stderr "cs-record: the checkpoint of tree size 25 does not match the ledger: the ledger has 24 events, not 25"
}

@test "cs-record checkpoint: a broken chain is not signed" {
	add_records
	sqlite3 "$CS_DB" "UPDATE ledger SET prev_hash = zeroblob(32) WHERE seq = 20"
	run -1 --separate-stderr cs-record checkpoint --key=signer.key
	assert_output ''
	assert_stderr - <<'EOF'
cs-record: ledger seq 20: prev_hash does not match the hash of seq 19
cs-record: no checkpoint signed: run 'cs-record verify'
EOF
}

@test "cs-record checkpoint: the tree is kept as events are added, a checkpoint reads only what the cache does not cover; verify checks the cache" {
	"$CS_BUILD/bench/gen" records 700 >big.csv
	new_store
	# A store under 256 events has no cache yet.
	run -0 sqlite3 "$CS_DB" "SELECT count(*) FROM sqlite_master WHERE name = 'merkle_nodes'"
	assert_output 0
	cs-record -q add --as-of=2026-11-26 big.csv 2>/dev/null || [ $? -eq 1 ]
	local n
	n=$(sqlite3 "$CS_DB" "SELECT count(*) FROM ledger")
	# The add kept the subtrees of 256 events and more: 2 of 256, 1 of 512.
	run -0 sqlite3 "$CS_DB" "SELECT level, idx FROM merkle_nodes ORDER BY level, idx"
	assert_output $'8|0\n8|1\n9|0'
	run -0 --separate-stderr cs-record checkpoint --key=signer.key -o cp1
	assert_stderr "cs-record: signed tree size $n with key '$SIGNER' ($((n - 512)) events read)"
	# Without the cache the checkpoint reads every event and makes it again.
	cp "$CS_DB" nocache.db
	sqlite3 nocache.db "DROP TABLE merkle_nodes"
	run -0 --separate-stderr cs-record -d nocache.db checkpoint --key=signer.key -o cp0
	assert_stderr "cs-record: signed tree size $n with key '$SIGNER' ($n events read)"
	run -0 sqlite3 nocache.db "SELECT level, idx FROM merkle_nodes ORDER BY level, idx"
	assert_output $'8|0\n8|1\n9|0'
	assert_equal "$(sed -n 3p cp0)" "$(sed -n 3p cp1)"
	# A store without the cache (made before it, or dropped) gets it back
	# from its next write, whole.
	cp "$CS_DB" old.db
	sqlite3 old.db "DROP TABLE merkle_nodes"
	printf 'uscc,type,decided_on\n91110000600037341L,education,2026-01-04\n' >one.csv
	cs-record -q -d old.db add --as-of=2026-11-26 one.csv
	run -0 sqlite3 old.db "SELECT level, idx FROM merkle_nodes ORDER BY level, idx"
	assert_output $'8|0\n8|1\n9|0'
	run -0 cs-record -q -d old.db verify
	printf 'uscc,type,decided_on\n91110000600037341L,education,2026-01-05\n' >in.csv
	cs-record -q add --as-of=2026-11-26 in.csv
	run -0 --separate-stderr cs-record checkpoint --key=signer.key -o cp2
	assert_stderr "cs-record: signed tree size $((n + 1)) with key '$SIGNER' ($((n + 1 - 512)) events read)"
	run -0 --separate-stderr cs-record verify --checkpoint=cp1 --checkpoint=cp2 --pubkey=signer.key.pub
	cs-record prove 300 --checkpoint=cp2 >p
	cs-record -q verify --proof=p --pubkey=signer.key.pub
	# A cache changed behind the tool's back is found by plain verify.
	sqlite3 "$CS_DB" "UPDATE merkle_nodes SET hash = zeroblob(32) WHERE level = 8 AND idx = 1"
	run -1 --separate-stderr cs-record verify
	assert_stderr - <<'EOF'
cs-record: merkle_nodes row (level 8, index 1: events 257 to 512) differs from the ledger
cs-record: verify failed at ledger seq 257
EOF
}

@test "cs-record checkpoint: a ledger cut below what an earlier checkpoint saw is refused" {
	"$CS_BUILD/bench/gen" records 300 >big.csv
	new_store
	cs-record -q add --as-of=2026-11-26 big.csv 2>/dev/null || [ $? -eq 1 ]
	cs-record -q checkpoint --key=signer.key >cp
	sqlite3 "$CS_DB" "DELETE FROM ledger WHERE seq > 200"
	run -1 --separate-stderr cs-record checkpoint --key=signer.key
	assert_equal "${stderr_lines[0]}" "cs-record: the ledger has 200 events, but an earlier checkpoint saw 256: events were removed from its end"
	# With the tables cut to match, verify finds the cache of events gone.
	sqlite3 "$CS_DB" "DELETE FROM records WHERE rid > 200; DELETE FROM entities WHERE first_seq > 200;
	    DELETE FROM history WHERE seq > 200; DELETE FROM extra_columns WHERE first_seq > 200"
	run -1 --separate-stderr cs-record verify
	assert_stderr - <<'EOF'
cs-record: merkle_nodes row (level 8, index 0: events 1 to 256) is not backed by the ledger
cs-record: verify failed at ledger seq 1
EOF
}

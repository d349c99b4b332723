#!/usr/bin/env bats
# cs-record: severity derived from the decision by share/cs/severity.json
# (issue 18): national headers, each default rule, fine thresholds on both
# sides and exactly at them, a rules file with an effective date in the
# middle of a feed, underivable rows, reclassify (dry run and real run),
# corrections that move the basis.
bats_require_minimum_version 1.5.0
load helpers

S="$FIXTURES/severity"

# severity, doc_no, severity_rule, published, publicity_until of export.
sev_export() {
	cs-record export --as-of=2026-06-01 "$@" |
	    cut -d, -f5,8,36,39,40
}

# A copy of the rules whose severity.json is the jq filter $1 applied.
rules_with() {
	rm -rf rules
	cp -r "$REPO/share/cs" rules
	jq "$1" "$REPO/share/cs/severity.json" >rules/severity.json
}

# The default rules with the large-fine thresholds raised from $1 on.
RAISED='.rules[2].until = "2026-04-30" | .rules |= (.[0:3] + [{"id": "large-fine-2026-05", "severity": "serious", "source": "a sector standard", "from": "2026-05-01", "fine_at_least": {"legal_person": 200000, "individual_business": 100000, "natural_person": 10000}}] + .[3:])'

@test "cs-record add: national headers without a severity get one from severity.json, each rule, thresholds at and below" {
	new_store
	cp "$S/national.csv" "$S/persons.csv" .
	run -1 --separate-stderr cs-record add --set type=penalty --rejects=rej.csv national.csv
	assert_output ''
	assert_stderr - <<'EOF'
cs-record: national.csv:11: severity is empty and cannot be derived: rule 'large-fine' of severity.json needs fine_10k_yuan
cs-record: national.csv:12: severity is empty and cannot be derived: rule 'large-fine' of severity.json needs party_category
cs-record: national.csv:13: severity is empty and cannot be derived: rule 'revocation-or-closure' of severity.json needs penalty_category
cs-record: national.csv: severity derived 8, not derivable 3 (severity.json)
cs-record: added 9, unchanged 0, rejected 3
EOF
	run -0 --separate-stderr cs-record add --set type=penalty persons.csv
	assert_stderr - <<'EOF'
cs-record: persons.csv: severity derived 2, not derivable 0 (severity.json)
cs-record: added 3, unchanged 0, rejected 0
EOF
	run -0 sev_export
	assert_output - <<'EOF'
severity,doc_no,severity_rule,published,publicity_until
serious,厦市监罚〔2026〕31号,revocation-or-closure,true,2029-05-06
minor,厦市监罚〔2026〕32号,warning-only,false,
minor,厦市监罚〔2026〕33号,warning-only,false,
serious,厦市监罚〔2026〕34号,large-fine,true,2029-05-06
general,厦市监罚〔2026〕35号,general,true,2027-05-06
serious,武市监罚〔2026〕41号,large-fine,true,2029-05-07
general,武市监罚〔2026〕42号,general,true,2027-05-07
general,武市监罚〔2026〕43号,general,true,2027-05-07
general,武市监罚〔2026〕44号,,true,2027-05-07
serious,深市监罚〔2026〕51号,large-fine,true,2029-05-08
general,深市监罚〔2026〕52号,general,true,2027-05-08
serious,深市监罚〔2026〕53号,,true,2029-05-08
EOF
	# The rejects keep the row as given, with the reason.
	run -0 cut -d, -f4,11,12 rej.csv
	assert_output - <<'EOF'
行政处罚决定书文号,_line,_error
武市监罚〔2026〕45号,11,severity is empty and cannot be derived: rule 'large-fine' of severity.json needs fine_10k_yuan
武市监罚〔2026〕46号,12,severity is empty and cannot be derived: rule 'large-fine' of severity.json needs party_category
武市监罚〔2026〕47号,13,severity is empty and cannot be derived: rule 'revocation-or-closure' of severity.json needs penalty_category
EOF
	run -0 --separate-stderr cs-record verify
}

@test "cs-record add: a severity the feed gives wins, and a feed with all of them says nothing of derivation" {
	new_store
	cp "$S/given.csv" .
	run -0 --separate-stderr cs-record add --set type=penalty given.csv
	assert_stderr "cs-record: added 1, unchanged 0, rejected 0"
	run -0 sev_export
	assert_output - <<'EOF'
severity,doc_no,severity_rule,published,publicity_until
general,深市监罚〔2026〕61号,,false,
EOF
	# Adding it again changes nothing; so does a derived row added again.
	cp "$S/persons.csv" .
	cs-record -q add --set type=penalty persons.csv
	run -0 --separate-stderr cs-record add --set type=penalty persons.csv
	assert_stderr - <<'EOF'
cs-record: persons.csv: severity derived 2, not derivable 0 (severity.json)
cs-record: added 0, unchanged 3, rejected 0
EOF
}

@test "cs-record add: one line per input; --quiet says none; --strict stops at an underivable row" {
	new_store
	head -3 "$S/national.csv" >a.csv
	{ head -1 "$S/national.csv"; sed -n 11p "$S/national.csv"; } >b.csv
	{ head -1 "$S/national.csv"; sed -n 10p "$S/national.csv"; } >c.csv
	run -1 --separate-stderr cs-record add --set type=penalty a.csv b.csv c.csv
	assert_stderr - <<'EOF'
cs-record: a.csv: severity derived 2, not derivable 0 (severity.json)
cs-record: b.csv:2: severity is empty and cannot be derived: rule 'large-fine' of severity.json needs fine_10k_yuan
cs-record: b.csv: severity derived 0, not derivable 1 (severity.json)
cs-record: added 3, unchanged 0, rejected 1
EOF
	run -1 --separate-stderr cs-record -q add --set type=penalty b.csv
	assert_stderr "cs-record: b.csv:2: severity is empty and cannot be derived: rule 'large-fine' of severity.json needs fine_10k_yuan"
	run -65 --separate-stderr cs-record add --strict --set type=penalty b.csv
	assert_stderr - <<'EOF'
cs-record: b.csv:2: severity is empty and cannot be derived: rule 'large-fine' of severity.json needs fine_10k_yuan
cs-record: --strict: stopped at the first rejected row; nothing of this run was stored
EOF
}

@test "cs-record add: a rules file with an effective date in the middle of a feed judges each row by its decision date" {
	new_store
	rules_with '.rules[2].until = "2026-03-31" | .rules |= (.[0:3] + [{"id": "large-fine-2026", "severity": "serious", "source": "a sector standard", "from": "2026-04-01", "fine_at_least": {"legal_person": 200000, "individual_business": 50000, "natural_person": 10000}}] + .[3:])'
	cp "$S/dated.csv" .
	run -0 --separate-stderr cs-record --rules=rules add --set type=penalty dated.csv
	assert_stderr - <<'EOF'
cs-record: dated.csv: severity derived 3, not derivable 0 (severity.json)
cs-record: added 3, unchanged 0, rejected 0
EOF
	run -0 sev_export
	assert_output - <<'EOF'
severity,doc_no,severity_rule,published,publicity_until
serious,厦市监罚〔2026〕71号,large-fine,true,2029-03-31
general,厦市监罚〔2026〕72号,general,true,2027-04-01
serious,厦市监罚〔2026〕73号,large-fine-2026,true,2029-04-02
EOF
}

@test "cs-record add: thresholds by province need the authority's region, and follow it" {
	new_store
	rules_with '.rules[2].fine_at_least_by_province = {"35": {"legal_person": 200000}}'
	{ head -1 "$S/national.csv"; sed -n 5p "$S/national.csv"; sed -n 7p "$S/national.csv"; } >p.csv
	sed 's/,法人及非法人组织,厦市监罚〔2026〕34号,/,法人及非法人组织,厦市监罚〔2026〕36号,/; s/,1135020000360001XU,$/,,/' <(sed -n 5p "$S/national.csv") >>p.csv
	run -1 --separate-stderr cs-record --rules=rules add --set type=penalty p.csv
	assert_stderr - <<'EOF'
cs-record: p.csv:4: severity is empty and cannot be derived: rule 'large-fine' of severity.json needs authority_uscc
cs-record: p.csv: severity derived 2, not derivable 1 (severity.json)
cs-record: added 2, unchanged 0, rejected 1
EOF
	run -0 sev_export
	assert_output - <<'EOF'
severity,doc_no,severity_rule,published,publicity_until
general,厦市监罚〔2026〕34号,general,true,2027-05-06
serious,武市监罚〔2026〕41号,large-fine,true,2029-05-07
EOF
}

@test "cs-record reclassify: a dry run prints what would change and stores nothing; the real run corrects with the reason" {
	new_store
	cp "$S/national.csv" .
	cs-record -q add --set type=penalty national.csv 2>/dev/null || true
	rules_with "$RAISED"
	run -0 sqlite3 "$CS_DB" 'SELECT count(*) FROM ledger'
	local events=$output
	run -0 --separate-stderr cs-record --rules=rules reclassify --dry-run --as-of=2026-06-01
	assert_output - <<'EOF'
id,uscc,doc_no,authority,decided_on,severity_was,severity_rule_was,severity,severity_rule
8b8ce647c0bf87bf,91350100M000100Y43,厦市监罚〔2026〕34号,厦门市市场监督管理局,2026-05-06,serious,large-fine,general,general
52eb7f5a553f535e,92510107MA6C8P2Q6J,武市监罚〔2026〕41号,成都市武侯区市场监督管理局,2026-05-07,serious,large-fine,general,general
EOF
	assert_stderr "cs-record: would reclassify 2, rule renamed 0, unchanged 6, not derivable 0"
	run -0 sqlite3 "$CS_DB" 'SELECT count(*) FROM ledger'
	assert_output "$events"
	run -0 --separate-stderr cs-record --rules=rules reclassify --as-of=2026-06-01
	assert_output - <<'EOF'
id,uscc,doc_no,authority,decided_on,severity_was,severity_rule_was,severity,severity_rule
8b8ce647c0bf87bf,91350100M000100Y43,厦市监罚〔2026〕34号,厦门市市场监督管理局,2026-05-06,serious,large-fine,general,general
52eb7f5a553f535e,92510107MA6C8P2Q6J,武市监罚〔2026〕41号,成都市武侯区市场监督管理局,2026-05-07,serious,large-fine,general,general
EOF
	assert_stderr "cs-record: reclassified 2, rule renamed 0, unchanged 6, not derivable 0"
	run -0 sqlite3 "$CS_DB" "SELECT action, json_extract(body, '$.reason'), json_extract(body, '$.changes') FROM ledger WHERE seq > $events"
	assert_output - <<'EOF'
correct|severity reclassified by severity.json: serious by rule 'large-fine' before, general by rule 'general' now|{"severity":"general","severity_rule":"general"}
correct|severity reclassified by severity.json: serious by rule 'large-fine' before, general by rule 'general' now|{"severity":"general","severity_rule":"general"}
EOF
	# The publicity windows follow: a general penalty's maximum is P1Y.
	run -0 bash -c "cs-record export --as-of=2026-06-01 | cut -d, -f5,8,36,39,40 | grep -e 34号 -e 41号 -e 44号"
	assert_output - <<'EOF'
general,武市监罚〔2026〕44号,,true,2027-05-07
general,厦市监罚〔2026〕34号,general,true,2027-05-06
general,武市监罚〔2026〕41号,general,true,2027-05-07
EOF
	run -0 --separate-stderr cs-record verify
	# Again: nothing left to change.
	run -0 --separate-stderr cs-record --rules=rules reclassify --as-of=2026-06-01
	assert_output 'id,uscc,doc_no,authority,decided_on,severity_was,severity_rule_was,severity,severity_rule'
	assert_stderr "cs-record: reclassified 0, rule renamed 0, unchanged 8, not derivable 0"
}

@test "cs-record reclassify: --as-of leaves later decisions; a severity the rules no longer give is reported and kept" {
	new_store
	cp "$S/national.csv" .
	cs-record -q add --set type=penalty national.csv 2>/dev/null || true
	rules_with "$RAISED"
	run -0 --separate-stderr cs-record --rules=rules reclassify --as-of=2026-05-06 --to=ndjson
	assert_output '{"id":"8b8ce647c0bf87bf","uscc":"91350100M000100Y43","doc_no":"厦市监罚〔2026〕34号","authority":"厦门市市场监督管理局","decided_on":"2026-05-06","severity_was":"serious","severity_rule_was":"large-fine","severity":"general","severity_rule":"general"}'
	assert_stderr "cs-record: reclassified 1, rule renamed 0, unchanged 4, not derivable 0"
	# Without a rule for the rest, the general ones have none; the one
	# reclassified above is serious again by the default thresholds.
	rules_with 'del(.rules[3])'
	run -1 --separate-stderr cs-record --rules=rules reclassify --dry-run --as-of=2026-06-01
	assert_output - <<'EOF'
id,uscc,doc_no,authority,decided_on,severity_was,severity_rule_was,severity,severity_rule
8b8ce647c0bf87bf,91350100M000100Y43,厦市监罚〔2026〕34号,厦门市市场监督管理局,2026-05-06,general,general,serious,large-fine
EOF
	assert_stderr - <<'EOF'
cs-record: record 'f47feac1aaea6758' (decided 2026-05-06): severity cannot be derived now: no rule of severity.json matches; left general by rule 'general'
cs-record: record '2ab06f98b432006e' (decided 2026-05-07): severity cannot be derived now: no rule of severity.json matches; left general by rule 'general'
cs-record: record '995b12a7530def96' (decided 2026-05-07): severity cannot be derived now: no rule of severity.json matches; left general by rule 'general'
cs-record: would reclassify 1, rule renamed 0, unchanged 4, not derivable 3
EOF
}

@test "cs-record correct: a derived severity follows the corrected fine; a severity given replaces the rule" {
	new_store
	cp "$S/national.csv" .
	cs-record -q add --set type=penalty national.csv 2>/dev/null || true
	id34=$(cs-record export | grep 34号 | cut -d, -f1)
	id35=$(cs-record export | grep 35号 | cut -d, -f1)
	printf 'id,fine_10k_yuan,reason\n%s,9,typo\n%s,12,typo\n' "$id34" "$id35" >fix.csv
	run -0 --separate-stderr cs-record correct fix.csv
	printf 'id,severity,reason\n%s,minor,decided so\n' "$id34" >sev.csv
	run -0 --separate-stderr cs-record correct sev.csv
	printf 'id,party_category,reason\n%s,其他,typo\n' "$id35" >bad.csv
	run -1 --separate-stderr cs-record correct bad.csv
	assert_stderr - <<'EOF'
cs-record: bad.csv:2: severity is empty and cannot be derived: rule 'large-fine' of severity.json does not know party_category '其他' (it knows 法人及非法人组织, 个体工商户, 自然人 and 11 more spellings in party_categories); give the severity in the correction
cs-record: corrected 0, unchanged 0, rejected 1
EOF
	run -0 bash -c "cs-record export --as-of=2026-06-01 | cut -d, -f5,8,15,36 | grep -e 34号 -e 35号"
	assert_output - <<'EOF'
serious,厦市监罚〔2026〕35号,12,large-fine
minor,厦市监罚〔2026〕34号,9,
EOF
	run -0 --separate-stderr cs-record verify
}

@test "cs-record show: a derived severity comes with its rule" {
	new_store
	cp "$S/persons.csv" .
	cs-record -q add --set type=penalty persons.csv
	run -0 bash -c "cs-record show --as-of=2026-06-01 91440300MA5F12342Q | jq -c '.records[] | [.doc_no, .severity, .severity_rule]'"
	assert_output - <<'EOF'
["深市监罚〔2026〕51号","serious","large-fine"]
["深市监罚〔2026〕52号","general","general"]
["深市监罚〔2026〕53号","serious",null]
EOF
}

@test "cs-record: a bad severity.json exits 69 naming the key" {
	new_store
	rules_with '.rules[2].fine_at_least.legal_person = "100,000"'
	run -69 --separate-stderr cs-record --rules=rules export
	assert_stderr "cs-record: rules/severity.json: rules[2].fine_at_least.legal_person: expected an amount of yuan such as 100000 or \"2.5\""
	rules_with '.rules[0].severity = "grave"'
	run -69 --separate-stderr cs-record --rules=rules export
	assert_stderr "cs-record: rules/severity.json: rules[0].severity: expected a severity of catalog.json"
	rules_with '.rules[1].id = "general"'
	run -69 --separate-stderr cs-record --rules=rules export
	assert_stderr "cs-record: rules/severity.json: rules[3].id: 'general' is the id of rules[1] too"
	rules_with 'del(.rules[0].source)'
	run -69 --separate-stderr cs-record --rules=rules export
	assert_stderr "cs-record: rules/severity.json: rules[0].source: expected the standard the rule comes from"
}

@test "cs-record add: an amount without a fine category is no fine (no large-fine), with one it is" {
	new_store
	{ head -1 "$S/national.csv"
	  echo '厦门海沧澄明科技有限公司,91350100M000100Y43,法人及非法人组织,厦市监罚〔2026〕81号,没收违法所得,20,2026-05-06,厦门市市场监督管理局,1135020000360001XU,'
	  echo '厦门海沧澄明科技有限公司,91350100M000100Y43,法人及非法人组织,厦市监罚〔2026〕82号,没收违法所得；罚款,20,2026-05-06,厦门市市场监督管理局,1135020000360001XU,'
	} >conf.csv
	run -0 --separate-stderr cs-record add --set type=penalty conf.csv
	assert_stderr - <<'EOF2'
cs-record: conf.csv: severity derived 2, not derivable 0 (severity.json)
cs-record: added 2, unchanged 0, rejected 0
EOF2
	run -0 sev_export
	assert_output - <<'EOF2'
severity,doc_no,severity_rule,published,publicity_until
general,厦市监罚〔2026〕81号,general,true,2027-05-06
serious,厦市监罚〔2026〕82号,large-fine,true,2029-05-06
EOF2
}

# The national header with the fine in yuan, then rows of $@.
yuan_csv() {
	echo '行政相对人名称,统一社会信用代码,行政相对人类别,行政处罚决定书文号,处罚类别,罚款金额（元）,罚款金额（万元）,处罚决定日期,处罚机关'
	printf '厦门海沧澄明科技有限公司,91350100M000100Y43,法人及非法人组织,%s,2026-05-06,厦门市市场监督管理局\n' "$@"
}

@test "cs-record add: a fine in yuan (罚款金额（元）, fine_yuan) is stored as fine_10k_yuan exactly, and judged by it" {
	new_store
	yuan_csv '厦市监罚〔2026〕91号,罚款,150000,' '厦市监罚〔2026〕92号,罚款,12345,' \
	    '厦市监罚〔2026〕93号,罚款,99999.99,' '厦市监罚〔2026〕94号,罚款,150000,15.0' >y.csv
	printf 'uscc,name,type,doc_no,authority,decided_on,penalty_category,party_category,fine_yuan\n91350100M000100Y43,厦门海沧澄明科技有限公司,penalty,厦市监罚〔2026〕95号,厦门市市场监督管理局,2026-05-06,罚款,法人,100000\n' >e.csv
	sed 's/罚款金额（元）/罚款金额(元)/' y.csv | sed -n '1p;2s/91号/96号/p' >a.csv
	run -0 --separate-stderr cs-record add --set type=penalty y.csv
	assert_stderr - <<'EOF2'
cs-record: y.csv: severity derived 4, not derivable 0 (severity.json)
cs-record: added 4, unchanged 0, rejected 0
EOF2
	cs-record -q add e.csv
	cs-record -q add --set type=penalty a.csv
	run -0 bash -c "cs-record export --as-of=2026-06-01 | cut -d, -f5,8,15,36"
	assert_output - <<'EOF2'
severity,doc_no,fine_10k_yuan,severity_rule
serious,厦市监罚〔2026〕91号,15,large-fine
general,厦市监罚〔2026〕92号,1.2345,general
general,厦市监罚〔2026〕93号,9.999999,general
serious,厦市监罚〔2026〕94号,15.0,large-fine
serious,厦市监罚〔2026〕95号,10,large-fine
serious,厦市监罚〔2026〕96号,15,large-fine
EOF2
	# The amount in yuan is not kept beside it.
	run -0 sqlite3 "$CS_DB" "SELECT count(*) FROM ledger WHERE body LIKE '%fine_yuan%'"
	assert_output 0
	# A correction in yuan replaces the stored amount and the severity follows.
	id=$(cs-record export | grep 92号 | cut -d, -f1)
	printf 'id,罚款金额（元）,reason\n%s,200000,typo\n' "$id" >fix.csv
	run -0 --separate-stderr cs-record correct fix.csv
	run -0 bash -c "cs-record export | cut -d, -f5,8,15,36 | grep 92号"
	assert_output 'serious,厦市监罚〔2026〕92号,20,large-fine'
	run -0 --separate-stderr cs-record verify
}

@test "cs-record add: a fine in yuan and in 10,000 yuan that disagree, or no number, is rejected" {
	new_store
	yuan_csv '厦市监罚〔2026〕91号,罚款,150000,20' '厦市监罚〔2026〕92号,罚款,15万,' >y.csv
	run -1 --separate-stderr cs-record add --set type=penalty y.csv
	assert_stderr - <<'EOF2'
cs-record: y.csv:2: fine_yuan '150000' is 15 in 10,000 yuan but fine_10k_yuan is '20': give one of them, or both the same
cs-record: y.csv:3: fine_yuan '15万' is not a decimal number of yuan (digits with an optional '.' part)
cs-record: added 0, unchanged 0, rejected 2
EOF2
}

@test "cs-record add: a fine whose unit is unknown (bare 罚款金额) is named when a rule needs fine_10k_yuan" {
	new_store
	printf '%s\n' '行政相对人名称,统一社会信用代码,行政相对人类别,行政处罚决定书文号,处罚类别,罚款金额,处罚决定日期,处罚机关' \
	    '厦门海沧澄明科技有限公司,91350100M000100Y43,法人及非法人组织,厦市监罚〔2026〕91号,罚款,150000,2026-05-06,厦门市市场监督管理局' \
	    '厦门海沧澄明科技有限公司,91350100M000100Y43,法人及非法人组织,厦市监罚〔2026〕92号,警告,150000,2026-05-06,厦门市市场监督管理局' >b.csv
	run -1 --separate-stderr cs-record add --set type=penalty b.csv
	assert_stderr - <<'EOF2'
cs-record: b.csv:2: severity is empty and cannot be derived: rule 'large-fine' of severity.json needs fine_10k_yuan; column '罚款金额' looks like a fine in another or an unknown unit: give it as 罚款金额（元） (fine_yuan) or 罚款金额（万元） (fine_10k_yuan)
cs-record: b.csv: severity derived 1, not derivable 1 (severity.json)
cs-record: added 1, unchanged 0, rejected 1
EOF2
}

@test "cs-record add: an absurdly large fine_10k_yuan is added with a warning that it looks like yuan" {
	new_store
	yuan_csv '厦市监罚〔2026〕91号,罚款,,150000' '厦市监罚〔2026〕92号,罚款,,99999.9' >w.csv
	run -0 --separate-stderr cs-record add --set type=penalty w.csv
	assert_stderr - <<'EOF2'
cs-record: w.csv:2: warning: fine_10k_yuan '150000' is 100000 or more (in 10,000 yuan): it looks like yuan in the 万元 column
cs-record: w.csv: severity derived 2, not derivable 0 (severity.json)
cs-record: added 2, unchanged 0, rejected 0
EOF2
	# Without the threshold in severity.json, no warning.
	rules_with 'del(.implausible_fine_10k_yuan)'
	yuan_csv '厦市监罚〔2026〕93号,罚款,,150000' >x.csv
	run -0 --separate-stderr cs-record --rules=rules add --set type=penalty x.csv
	assert_stderr - <<'EOF2'
cs-record: x.csv: severity derived 1, not derivable 0 (severity.json)
cs-record: added 1, unchanged 0, rejected 0
EOF2
	rules_with '.implausible_fine_10k_yuan = "lots"'
	run -69 --separate-stderr cs-record --rules=rules export
	assert_stderr "cs-record: rules/severity.json: implausible_fine_10k_yuan: expected a positive amount of 10,000 yuan such as 100000"
}

@test "cs-record add: older spellings of the party categories are known; an unknown one is refused naming the spellings" {
	new_store
	{ head -1 "$S/persons.csv"
	  for p in '法人及其他组织,深市监罚〔2026〕54号,罚款,10' '个体户,深市监罚〔2026〕55号,罚款,5' '个人,深市监罚〔2026〕56号,罚款,1' '个人,深市监罚〔2026〕57号,罚款,0.5' '单位,深市监罚〔2026〕58号,罚款,0.5'; do
		echo "深圳南山瑞丰食品股份有限公司,91440300MA5F12342Q,$p,2026-05-08,深圳市市场监督管理局,"
	  done
	} >old.csv
	run -1 --separate-stderr cs-record add --set type=penalty old.csv
	assert_stderr - <<'EOF2'
cs-record: old.csv:6: severity is empty and cannot be derived: rule 'large-fine' of severity.json does not know party_category '单位' (it knows 法人及非法人组织, 个体工商户, 自然人 and 11 more spellings in party_categories)
cs-record: old.csv: severity derived 4, not derivable 1 (severity.json)
cs-record: added 4, unchanged 0, rejected 1
EOF2
	run -0 sev_export
	assert_output - <<'EOF2'
severity,doc_no,severity_rule,published,publicity_until
serious,深市监罚〔2026〕54号,large-fine,true,2029-05-08
serious,深市监罚〔2026〕55号,large-fine,true,2029-05-08
serious,深市监罚〔2026〕56号,large-fine,true,2029-05-08
general,深市监罚〔2026〕57号,general,true,2027-05-08
EOF2
}

@test "cs-record add --help: says how severities are derived" {
	run -0 cs-record add --help
	assert_output --partial - <<'EOF2'
A penalty without a severity (失信严重程度) gets one from severity.json
in the rules directory: the first rule in force on its decision date that
matches its penalty_category, fine_10k_yuan (罚款金额（万元）, or
罚款金额（元） in yuan), party_category, domain or authority; the rule's
id is stored as severity_rule.  A severity the feed gives always wins.  A row
whose severity cannot be derived is rejected naming what is missing, never
guessed, and each input ends with the line 'FILE: severity derived N, not
derivable M (severity.json)'.  Without severity.json nothing is derived.  After
the rules change, run 'cs-record reclassify'.  Exit status: see cs(7).
EOF2
}

@test "cs-record reclassify: the same severity by a rule of another id is a rule renamed, not a reclassification" {
	new_store
	cp "$S/persons.csv" .
	cs-record -q add --set type=penalty persons.csv
	rules_with '.rules[3].id = "general-2026"'
	run -0 sqlite3 "$CS_DB" 'SELECT count(*) FROM ledger'
	local events=$output
	run -0 --separate-stderr cs-record --rules=rules reclassify --dry-run --as-of=2026-06-01
	assert_output - <<'EOF2'
id,uscc,doc_no,authority,decided_on,severity_was,severity_rule_was,severity,severity_rule
c399128d927a8e4d,91440300MA5F12342Q,深市监罚〔2026〕52号,深圳市市场监督管理局,2026-05-08,general,general,general,general-2026
EOF2
	assert_stderr "cs-record: would reclassify 0, rule renamed 1, unchanged 1, not derivable 0"
	run -0 --separate-stderr cs-record --rules=rules reclassify --as-of=2026-06-01
	assert_stderr "cs-record: reclassified 0, rule renamed 1, unchanged 1, not derivable 0"
	run -0 sqlite3 "$CS_DB" "SELECT action, json_extract(body, '$.reason'), json_extract(body, '$.changes') FROM ledger WHERE seq > $events"
	assert_output "correct|severity rule renamed by severity.json: general by rule 'general' before, the same by rule 'general-2026' now|{\"severity_rule\":\"general-2026\"}"
	run -0 sev_export
	assert_output - <<'EOF2'
severity,doc_no,severity_rule,published,publicity_until
serious,深市监罚〔2026〕51号,large-fine,true,2029-05-08
serious,深市监罚〔2026〕53号,,true,2029-05-08
general,深市监罚〔2026〕52号,general-2026,true,2027-05-08
EOF2
	run -0 --separate-stderr cs-record verify
}

@test "cs-record: without severity.json nothing is derived, a row without a severity is refused saying so, and reclassify has no rules" {
	new_store
	rm -rf rules && cp -r "$REPO/share/cs" rules && rm rules/severity.json
	cp "$S/persons.csv" .
	run -1 --separate-stderr cs-record --rules=rules add --set type=penalty persons.csv
	assert_stderr - <<'EOF2'
cs-record: persons.csv:2: type 'penalty' requires column 'severity' (severity.json is absent from the rules directory, so none is derived)
cs-record: persons.csv:3: type 'penalty' requires column 'severity' (severity.json is absent from the rules directory, so none is derived)
cs-record: added 1, unchanged 0, rejected 2
EOF2
	run -0 --separate-stderr cs-record --rules=rules export
	assert_line --index 1 --partial ',penalty,serious,'
	run -69 --separate-stderr cs-record --rules=rules reclassify --dry-run
	assert_output ''
	assert_stderr "cs-record: the rules directory 'rules' has no severity.json: there are no rules to derive severities by"
	run -0 --separate-stderr cs-record --rules=rules verify
}

@test "cs-record reclassify: a listed record's list entry follows, a repair granted and an objection open stay as they are" {
	new_store
	cp "$S/national.csv" .
	cs-record -q add --set type=penalty national.csv 2>/dev/null || true
	# 李记 (41号, serious by large-fine) listed on the serious list: entry 11.
	cs-blacklist propose --list=serious --as-of=2026-06-01 | sed -n '1p;3p' >p.csv
	cs-blacklist -q add --as-of=2026-06-01 p.csv >/dev/null
	printf 'entry_id,reason\n11,basis confirmed\n' | cs-blacklist -q decide --as-of=2026-06-09 >/dev/null
	# An objection to 41号 still open; a repair of 35号 (general) granted.
	printf 'id,filed_on,reason\n52eb7f5a553f535e,2026-06-02,不服\n' | cs-record -q object --as-of=2026-06-02 >/dev/null
	printf 'uscc,target,commitment,evidence\n91350100M000100Y43,f47feac1aaea6758,yes,receipt\n' | cs-repair -q apply --as-of=2026-08-10 >/dev/null
	printf 'application_id\n14\n' | cs-repair -q accept --as-of=2026-08-11 >/dev/null
	printf 'application_id,outcome,reason\n14,granted,ok\n' | cs-repair -q decide --as-of=2026-08-12 >/dev/null
	# The list entry whose only basis was 41号 ends (basis_revoked); the
	# objection stays open (41号 corrected while disputed); the granted
	# repair of 35号 is not revisited, though 35号 is serious now and its
	# repair_from moves to 2027-05-07: export shows it repaired (not
	# published, its window ended on the grant day, 2026-08-12).
	# From 2026-05-01: 50,000 yuan for legal persons, 100,000 for individual businesses.
	rules_with '.rules[2].until = "2026-04-30" | .rules |= .[0:3] + [{id: "large-fine-2026-05", severity: "serious", source: "s", from: "2026-05-01", fine_at_least: {legal_person: 50000, individual_business: 100000, natural_person: 10000}}] + .[3:]'
	run -0 --separate-stderr cs-record --rules=rules reclassify --as-of=2026-09-01
	assert_output - <<'EOF2'
id,uscc,doc_no,authority,decided_on,severity_was,severity_rule_was,severity,severity_rule
8b8ce647c0bf87bf,91350100M000100Y43,厦市监罚〔2026〕34号,厦门市市场监督管理局,2026-05-06,serious,large-fine,serious,large-fine-2026-05
f47feac1aaea6758,91350100M000100Y43,厦市监罚〔2026〕35号,厦门市市场监督管理局,2026-05-06,general,general,serious,large-fine-2026-05
52eb7f5a553f535e,92510107MA6C8P2Q6J,武市监罚〔2026〕41号,成都市武侯区市场监督管理局,2026-05-07,serious,large-fine,general,general
EOF2
	assert_stderr "cs-record: reclassified 2, rule renamed 1, unchanged 5, not derivable 0"
	run -0 bash -c "cs-blacklist ls --as-of=2026-09-01 | cut -d, -f1,5,11,12,13"
	assert_output - <<'EOF2'
entry_id,state,ended_on,end_reason,basis
11,removed,2026-09-01,basis_revoked,52eb7f5a553f535e
EOF2
	run -0 bash -c "cs-record objections | cut -d, -f1,2,6"
	assert_output - <<'EOF2'
objection_id,id,state
13,52eb7f5a553f535e,open
EOF2
	run -0 bash -c "cs-repair ls | cut -d, -f1,3,5"
	assert_output - <<'EOF2'
application_id,target,state
14,f47feac1aaea6758,granted
EOF2
	run -0 bash -c "cs-record export --as-of=2026-09-01 | cut -d, -f5,8,36,38,39,40,41 | grep -e 35号 -e 41号"
	assert_output - <<'EOF2'
serious,厦市监罚〔2026〕35号,large-fine-2026-05,false,false,2026-08-12,2027-05-07
general,武市监罚〔2026〕41号,general,true,true,2027-05-07,2026-08-08
EOF2
	run -0 --separate-stderr cs-record verify
}

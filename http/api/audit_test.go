package api_test

import (
	"encoding/json"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

func TestAudit_API(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newVEnv(t, db)
		e.issue(t, e.conv.ID, e.emailID)
		e.run(t, scenario{method: "POST", url: "/api/v1/conversations/" + e.conv.ID + "/reveal", token: e.agentTok,
			body: `{"field":"addresses","reason":"where is my parcel"}`, wantStatus: 403})
		type page struct {
			Entries []struct {
				Seq     int64             `json:"seq"`
				ActorID string            `json:"actor_id"`
				Action  string            `json:"action"`
				Detail  map[string]string `json:"detail"`
				Hash    string            `json:"hash"`
			} `json:"entries"`
			Chain struct {
				Intact   bool  `json:"intact"`
				FirstBad int64 `json:"first_bad"`
			} `json:"chain"`
		}
		get := func(q string) page {
			t.Helper()
			var p page
			body := e.run(t, scenario{method: "GET", url: "/api/v1/audit" + q, token: e.adminTok, wantStatus: 200, notWant: realAddress})
			if err := json.Unmarshal([]byte(body), &p); err != nil {
				t.Fatal(err)
			}
			return p
		}
		all := get("")
		if !all.Chain.Intact || all.Chain.FirstBad != 0 || len(all.Entries) < 3 {
			t.Fatalf("audit = %+v", all)
		}
		for i, en := range all.Entries {
			if en.Hash == "" || (i > 0 && en.Seq <= all.Entries[i-1].Seq) {
				t.Fatalf("entries out of order or unhashed: %+v", all.Entries)
			}
		}
		sent := get("?action=" + proofdesk.AuditChallengeSent)
		if len(sent.Entries) != 1 || sent.Entries[0].ActorID != e.agent.ID || sent.Entries[0].Detail["contact_point_id"] != e.emailID {
			t.Fatalf("challenge.sent = %+v", sent.Entries)
		}
		mine := get("?actor=" + e.agent.ID)
		for _, en := range mine.Entries {
			if en.ActorID != e.agent.ID {
				t.Fatalf("actor filter returned %+v", en)
			}
		}
		if len(mine.Entries) < 2 {
			t.Fatalf("agent's entries = %+v", mine.Entries)
		}
		first := all.Entries[0].Seq
		if after := get("?after=" + itoa64(first) + "&limit=1"); len(after.Entries) != 1 || after.Entries[0].Seq <= first {
			t.Fatalf("after/limit = %+v", after.Entries)
		}
		for _, s := range []scenario{
			{name: "agent", method: "GET", url: "/api/v1/audit", token: e.agentTok, wantStatus: 403},
			{name: "supervisor", method: "GET", url: "/api/v1/audit", token: e.supTok, wantStatus: 403},
			{name: "bad limit", method: "GET", url: "/api/v1/audit?limit=0", token: e.adminTok, wantStatus: 400, want: []string{`"field":"limit"`}},
			{name: "bad after", method: "GET", url: "/api/v1/audit?after=x", token: e.adminTok, wantStatus: 400, want: []string{`"field":"after"`}},
		} {
			e.run(t, s)
		}
	})
}

func itoa64(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

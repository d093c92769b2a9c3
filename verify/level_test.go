package verify

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/proofdesk/proofdesk"
)

func TestLevelFrom(t *testing.T) {
	email1 := Factor{Kind: FactorEmail, ContactPointID: "cp_e1", At: t0}
	email2 := Factor{Kind: FactorEmail, ContactPointID: "cp_e2", At: t0}
	phone1 := Factor{Kind: FactorPhone, ContactPointID: "cp_p1", At: t0}
	phone2 := Factor{Kind: FactorPhone, ContactPointID: "cp_p2", At: t0}
	dmarc1 := Factor{Kind: FactorDMARC, ContactPointID: "cp_e1", At: t0}
	session := Factor{Kind: FactorSession, At: t0}
	tests := []struct {
		name    string
		factors []Factor
		want    proofdesk.Level
	}{
		{"nothing", nil, proofdesk.L0},
		{"one email code", []Factor{email1}, proofdesk.L1},
		{"one phone code", []Factor{phone1}, proofdesk.L1},
		{"one session", []Factor{session}, proofdesk.L1},
		{"one dmarc email", []Factor{dmarc1}, proofdesk.L1},
		{"email + phone", []Factor{email1, phone1}, proofdesk.L2},
		{"phone + email, other order", []Factor{phone2, email2}, proofdesk.L2},
		{"dmarc email + phone code", []Factor{dmarc1, phone1}, proofdesk.L2},
		{"session + email code", []Factor{session, email1}, proofdesk.L2},
		{"session + phone code", []Factor{phone1, session}, proofdesk.L2},
		{"same email twice", []Factor{email1, email1}, proofdesk.L1},
		{"same phone twice", []Factor{phone1, phone1}, proofdesk.L1},
		{"two different emails", []Factor{email1, email2}, proofdesk.L1},
		{"two different phones", []Factor{phone1, phone2}, proofdesk.L1},
		{"email code + dmarc on same address", []Factor{email1, dmarc1}, proofdesk.L1},
		{"two sessions", []Factor{session, session}, proofdesk.L1},
		{"session + dmarc email", []Factor{session, dmarc1}, proofdesk.L1},
		{"email without contact point", []Factor{{Kind: FactorEmail, At: t0}}, proofdesk.L0},
		{"phone without contact point + email", []Factor{{Kind: FactorPhone, At: t0}, email1}, proofdesk.L1},
		{"unknown kinds", []Factor{{Kind: "name", ContactPointID: "x"}, {Kind: "knowledge"}, {Kind: ""}}, proofdesk.L0},
		{"claim kinds next to one code", []Factor{email1, {Kind: "address", ContactPointID: "cp_p1"}}, proofdesk.L1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LevelFrom(tt.factors); got != tt.want {
				t.Fatalf("LevelFrom=%s, want %s", got, tt.want)
			}
		})
	}
}

func TestEmailFactor(t *testing.T) {
	old := t0.AddDate(-1, 0, 0)
	onFile := []*proofdesk.ContactPoint{
		{ID: "cp_phone", Kind: proofdesk.ContactPhone, Value: "+14155550100", AddedAt: old},
		{ID: "cp_old", Kind: proofdesk.ContactEmail, Value: "jane@example.com", AddedAt: old},
		{ID: "cp_new", Kind: proofdesk.ContactEmail, Value: "jane@new.example", AddedAt: t0.AddDate(0, 0, -2)},
	}
	tests := []struct {
		name     string
		from     string
		dmarc    bool
		coolOff  time.Duration
		want     *Factor
		wantCode string
	}{
		{"on file, dmarc pass", "jane@example.com", true, 0, &Factor{Kind: FactorDMARC, ContactPointID: "cp_old", At: t0}, ""},
		{"display name and case", `"Jane Doe" <Jane@EXAMPLE.com>`, true, 0, &Factor{Kind: FactorDMARC, ContactPointID: "cp_old", At: t0}, ""},
		{"on file, dmarc fail", "jane@example.com", false, 0, nil, proofdesk.EFORBIDDEN},
		{"not on file, dmarc pass", "mallory@example.com", true, 0, nil, proofdesk.EFORBIDDEN},
		{"inside cooling-off", "jane@new.example", true, 0, nil, proofdesk.EFORBIDDEN},
		{"outside shorter cooling-off", "jane@new.example", true, 24 * time.Hour, &Factor{Kind: FactorDMARC, ContactPointID: "cp_new", At: t0}, ""},
		{"two From addresses", "jane@example.com, mallory@evil.example", true, 0, nil, proofdesk.EFORBIDDEN},
		{"not an address", "jane", true, 0, nil, proofdesk.EFORBIDDEN},
		{"empty", "", true, 0, nil, proofdesk.EFORBIDDEN},
		{"phone number as From", "+14155550100", true, 0, nil, proofdesk.EFORBIDDEN},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := EmailFactor(tt.from, tt.dmarc, onFile, t0, tt.coolOff)
			if code := proofdesk.ErrorCode(err); code != tt.wantCode {
				t.Fatalf("code=%q, want %q (%v)", code, tt.wantCode, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("Factor (-want +got):\n%s", diff)
			}
			if msg := proofdesk.ErrorMessage(err); tt.from != "" && strings.Contains(strings.ToLower(msg), "example") {
				t.Fatalf("message %q repeats the address", msg)
			}
		})
	}
	if f, _ := EmailFactor("jane@example.com", true, nil, t0, 0); f != nil {
		t.Fatal("factor without any contact point on file")
	}
}

package widget

import (
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
)

// A message the retention policy emptied reads as such in the widget, not
// as an empty bubble; internal notes stay out.
func TestVisibleMessages_Removed(t *testing.T) {
	at := time.Date(2026, 5, 4, 3, 2, 1, 0, time.UTC)
	got := visibleMessages([]*proofdesk.Message{
		{ID: "m1", AuthorKind: proofdesk.AuthorCustomer, RemovedAt: &at},
		{ID: "m2", AuthorKind: proofdesk.AuthorAgent, Internal: true, RemovedAt: &at},
		{ID: "m3", AuthorKind: proofdesk.AuthorAgent, Body: "kept"},
	})
	if len(got) != 2 || got[0].Body != "Removed by the retention policy on 2026-05-04." || got[1].Body != "kept" {
		t.Fatalf("visibleMessages = %+v", got)
	}
}

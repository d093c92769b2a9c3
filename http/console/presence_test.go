package console

import (
	"testing"

	"github.com/proofdesk/proofdesk"
)

func TestMentioned(t *testing.T) {
	ann := &proofdesk.Agent{ID: "a1", Name: "Ann Smith", Email: "ann@desk.test"}
	bob := &proofdesk.Agent{ID: "a2", Name: "Bob Jones", Email: "robert.j@desk.test"}
	gone := &proofdesk.Agent{ID: "a3", Name: "Cy", Email: "cy@desk.test", Disabled: true}
	all := []*proofdesk.Agent{ann, bob, gone}
	for _, c := range []struct {
		note string
		want []string
	}{
		{"@ann can you look?", []string{"a1"}},
		{"cc @BobJones and @robert.j.", []string{"a2"}},
		{"@Cy is away", nil},
		{"mail ann@desk.test about it", nil},
		{"@ann and @bob", []string{"a1", "a2"}},
		{"@me", nil},
	} {
		var got []string
		for _, a := range mentioned(c.note, all, "a9") {
			got = append(got, a.ID)
		}
		if len(got) != len(c.want) {
			t.Fatalf("%q: %v, want %v", c.note, got, c.want)
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Fatalf("%q: %v, want %v", c.note, got, c.want)
			}
		}
	}
	if got := mentioned("@ann", all, "a1"); len(got) != 0 {
		t.Fatal("the author mentioned themself")
	}
}

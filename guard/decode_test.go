package guard

import "testing"

func TestDecodedVariant(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Thanks, your parcel left the warehouse today.", ""},
		{"Order 88231 shipped on March 3, 2025 for $120.45.", ""},
		{"&#55;&#49;&#53;&#56;", "7158"},
		{"&#x37;1&amp;", "71&"},
		{"06%2047", "06 47"},
		{"50% off", ""},
		{"=37=31", "71"},
		{"soft=\nbreak", "softbreak"},
		{"MDY0NzIxODM5MA==", " 0647218390 "},
		{"30 36 34 37", " 0647 "},
		{"30363437", " 0647 "},
		{"30-36-34-37", " 0647 "},
		{"Call 1-800-555-0000 or 0800 123 456.", ""},
		{"Card VII-I-V-VIII.", "Card 7-1-5-8."},
		{"I think Part IV helps", ""},
		{"Whatever happens", ""},
		{"%0a%00", ""}, // control bytes are not decoded
	} {
		var tx text
		tx.normalize(c.in)
		if got := decodedVariant(c.in, tx.enc); got != c.want {
			t.Errorf("decodedVariant(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// The decoded reading counts for protected values through every entry
// point: Check, CheckAll and the index of every customer.
func TestEncodedValuesBlockedEverywhere(t *testing.T) {
	m := NewMatcher(elodie(), nil, Options{})
	reply := "Your number is 06%2047%2021%2083%2090."
	if v := m.Check(reply, 0, nil); !v.Blocked || v.Class != "phone" {
		t.Fatalf("Check: %+v", v)
	}
	if v := CheckAll(reply, nil, Target{m, 0}); !v.Blocked || v.Class != "phone" {
		t.Fatalf("CheckAll: %+v", v)
	}
	ix, err := NewIndex(testIndexKey, nil)
	if err != nil {
		t.Fatal(err)
	}
	ix.Add(elodie())
	if v := ix.Check(reply, 0, ""); !v.Blocked || v.Class != "phone" {
		t.Fatalf("Index.Check: %+v", v)
	}
	if v := ix.Check("Your number is 06%2047%2021%2083%2091.", 0, ""); v.Blocked {
		t.Fatalf("Index.Check blocked another number: %+v", v)
	}
}

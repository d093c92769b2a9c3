package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
	"github.com/proofdesk/proofdesk"
)

// The import case 27-national-phones.csv (French 06…, Australian 04… and
// Indian 10-digit numbers in national format): without --default-region
// every line is refused by number, nothing imported; with the region of
// each number the store holds libphonenumber's E.164 form.
func TestCLI_ImportNationalPhones(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	r := runCmd(t, "", nil, "customers", "import", "--data", data, filepath.Join("testdata", "27-national-phones.csv"))
	for _, want := range []string{"line 2: field phones:", "line 3: field phones:", "line 4: field phones:", "no country code", "nothing was imported"} {
		if r.code != 1 || !strings.Contains(r.stderr, want) {
			t.Fatalf("no region: code=%d stderr=%q, want %q", r.code, r.stderr, want)
		}
	}
	if strings.Contains(r.stderr, "12 34 56") || strings.Contains(r.stderr, "43210") {
		t.Fatalf("import error repeats a number: %q", r.stderr)
	}

	b, err := os.ReadFile(filepath.Join("testdata", "27-national-phones.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	header := lines[0]
	tests := []struct {
		line   string
		region string
	}{
		{lines[1], "FR"},
		{lines[2], "AU"},
		{lines[3], "IN"},
		{"G-1,Ada Lovelace,ada@example.org,020 7946 0958", "GB"},
		{"G-2,Ada Byron,ada.b@example.org,+44 (0)20 7946 0959", ""},
	}
	for _, tt := range tests {
		file := writeFile(t, "one-"+tt.region+".csv", header+"\n"+tt.line+"\n")
		env := map[string]string{}
		args := []string{"customers", "import", "--data", data}
		if tt.region != "" {
			// The region through the flag for some, the environment for others.
			if tt.region == "AU" {
				env["PROOFDESK_DEFAULT_REGION"] = "au"
			} else {
				args = append(args, "--default-region", tt.region)
			}
		}
		if r := runCmd(t, "", env, append(args, file)...); r.code != 0 {
			t.Fatalf("%s: code=%d stderr=%q", tt.line, r.code, r.stderr)
		}
		fields := strings.Split(tt.line, ",")
		region := tt.region
		if region == "" {
			region = "ZZ"
		}
		n, err := phonenumbers.Parse(fields[3], region)
		if err != nil || !phonenumbers.IsValidNumber(n) {
			t.Fatalf("libphonenumber: %q in %s is not valid: %v", fields[3], tt.region, err)
		}
		want := phonenumbers.Format(n, phonenumbers.E164)
		m, closeStore, err := openStore(context.Background(), Config{DataDir: data, LogFormat: "text", LogLevel: "error"}, cliEnv{stderr: io.Discard, getenv: func(string) string { return "" }})
		if err != nil {
			t.Fatal(err)
		}
		cs, _, err := m.CustomerService.FindCustomers(context.Background(), proofdesk.CustomerFilter{ExternalID: &fields[0]})
		closeStore()
		if err != nil || len(cs) != 1 {
			t.Fatalf("find %s: n=%d err=%v", fields[0], len(cs), err)
		}
		if got := cs[0].ContactPointsOf(proofdesk.ContactPhone); len(got) != 1 || got[0].Value != want {
			t.Fatalf("%s: stored %v, want %s", fields[0], got, want)
		}
	}
	// A number that is not valid in the region is refused with its line.
	bad := writeFile(t, "bad.csv", header+"\nB-1,Bad Number,b@example.org,06 12 34 56 78\nB-2,Short,c@example.org,06 12 34\n")
	if r := runCmd(t, "", nil, "customers", "import", "--data", data, "--default-region", "FR", bad); r.code != 1 ||
		!strings.Contains(r.stderr, "line 3: field phones:") || strings.Contains(r.stderr, "line 2") {
		t.Fatalf("invalid number: code=%d stderr=%q, want line 3 only", r.code, r.stderr)
	}
	if r := runCmd(t, "", nil, "customers", "import", "--data", data, "--default-region", "XX", bad); r.code == 0 || !strings.Contains(r.stderr, "--default-region") {
		t.Fatalf("unknown region: code=%d stderr=%q", r.code, r.stderr)
	}
}

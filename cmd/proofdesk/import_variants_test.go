package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/proofdesk/proofdesk"
)

// Variants of the import cases 27 (national phones) and 28 (encodings),
// and of case 22 (bidi controls) on the import channel, kept back to try
// what landed. The files were written by Python's codecs (iso8859_15,
// mac_roman, shift_jis, utf-16-le), not by the decoder under test.

// TestImportVariants_Phones: national numbers of more regions, numbers
// written with "(0)" after the country code, and an extension.
func TestImportVariants_Phones(t *testing.T) {
	t.Parallel()
	file := filepath.Join("testdata", "27v-more-regions.csv")
	// The E.164 forms, from each country's numbering plan: Italy keeps
	// the leading 0 of fixed lines, the others drop their trunk prefix.
	tests := []struct{ region, id, want string }{
		{"DE", "DE-1", "+4915123456789"},
		{"DE", "DE-2", "+4915123456790"},
		{"ES", "ES-1", "+34612345678"},
		{"IT", "IT-1", "+393123456789"},
		{"IT", "IT-2", "+390612345678"},
		{"NL", "NL-1", "+31612345678"},
		{"NL", "NL-2", "+31612345679"},
		{"BR", "BR-1", "+5511912345678"},
		{"JP", "JP-1", "+819012345678"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			t.Parallel()
			cs, _, err := readImportFile(oneRow(t, file, tt.id), "", importNow, tt.region)
			if err != nil {
				t.Fatal(err)
			}
			if got := cs[0].ContactPointsOf(proofdesk.ContactPhone); len(got) != 1 || got[0].Value != tt.want {
				t.Fatalf("phones=%v, want %s", got, tt.want)
			}
		})
	}
	// With "(0)" after the country code, no region is needed.
	for _, id := range []string{"DE-2", "NL-2"} {
		if _, _, err := readImportFile(oneRow(t, file, id), "", importNow, ""); err != nil {
			t.Fatalf("%s without a region: %v", id, err)
		}
	}
	// Numbers wrapped in bidi controls or marks, as contact apps and
	// spreadsheets export them from a right-to-left context, need no
	// region: the "+" is there.
	cs, _, err := readImportFile(filepath.Join("testdata", "27v-bidi-wrapped-phones.csv"), "", importNow, "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range cs {
		got = append(got, c.ContactPointsOf(proofdesk.ContactPhone)[0].Value)
	}
	if want := "+972502345678 +4915123456789 +966501234567"; strings.Join(got, " ") != want {
		t.Fatalf("phones=%v, want %s", got, want)
	}
	// An extension is refused with its line, never stored cut off.
	ext := writeFile(t, "ext.csv", "external_id,name,emails,phones\nX-1,Ext,x@example.org,+44 20 7946 0958 ext. 12\n")
	_, _, err = readImportFile(ext, "", importNow, "GB")
	if err == nil || !strings.Contains(err.Error(), "line 2: field phones:") || !strings.Contains(err.Error(), "extension") {
		t.Fatalf("err=%v, want line 2 refused for its extension", err)
	}
}

// oneRow writes the header and the row of id from file to a new file.
func oneRow(t *testing.T, file, id string) string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	for _, l := range lines[1:] {
		if strings.HasPrefix(l, id+",") {
			return writeFile(t, id+".csv", lines[0]+"\n"+l+"\n")
		}
	}
	t.Fatalf("no row %s in %s", id, file)
	return ""
}

// TestImportVariants_Encodings: what other spreadsheets and systems
// write is read in its encoding when named, and never silently read as
// Windows-1252 when it is not.
func TestImportVariants_Encodings(t *testing.T) {
	t.Parallel()
	dir := filepath.Join("testdata", "import")
	read := []struct {
		file, encoding, wantUsed string
		want                     [][3]string
	}{
		{"28v-iso8859-15-estonian.csv", "iso-8859-15", "iso-8859-15", [][3]string{{"E-1", "Jüri Šmidt", ""}, {"E-2", "Žanna Õun", ""}}},
		{"28v-macroman-excel-mac.csv", "macintosh", "macintosh", [][3]string{{"M-1", "José Müller", ""}, {"M-2", "Renée Jäger", ""}}},
		{"28v-shift-jis.csv", "shift_jis", "shift_jis", [][3]string{{"J-1", "山田 太郎", ""}, {"J-2", "佐藤 花子", ""}}},
		{"28v-utf16le-bom-quoted.csv", "", "utf-16", [][3]string{{"Q-1", "Dubois, Chloé", `a "VIP", since 2019`}}},
	}
	for _, tt := range read {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			used, got := importedFields(t, filepath.Join(dir, tt.file), tt.encoding)
			if used != tt.wantUsed {
				t.Fatalf("read as %q, want %q", used, tt.wantUsed)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("customers mismatch (-want +got):\n%s", diff)
			}
		})
	}
	// Without --encoding: ISO-8859-15's Š (a6) and Ž (b4) and Mac Roman's
	// é (8e, Ž in Windows-1252) and ü (9f, Ÿ) are not taken for
	// Windows-1252 ("Jüri ¦midt", "JosŽ MŸller"); Shift_JIS is not either.
	refused := []struct{ file, want string }{
		{"28v-iso8859-15-estonian.csv", "line 2: not valid UTF-8 (from line 2), and not Windows-1252 text either"},
		{"28v-macroman-excel-mac.csv", "line 2: not valid UTF-8 (from line 2), and not Windows-1252 text either"},
		{"28v-shift-jis.csv", "line 2: not valid UTF-8 (from line 2), and not Windows-1252 text either"},
	}
	for _, tt := range refused {
		t.Run(tt.file+"/auto", func(t *testing.T) {
			t.Parallel()
			cs, used, err := readImportFile(filepath.Join(dir, tt.file), "", importNow, "")
			if err == nil {
				t.Fatalf("read as %s: %q, want refused", used, cs[0].Name)
			}
			if got := strings.Join(rowErrorsOf(t, err), "\n"); !strings.HasPrefix(got, tt.want) {
				t.Fatalf("err=%q, want %q", got, tt.want)
			}
		})
	}
}

// TestCLI_ImportVariants_BidiNames: names with bidi controls and invisible
// characters are stored as every channel stores them.
func TestCLI_ImportVariants_BidiNames(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	if r := runCmd(t, "", nil, "customers", "import", "--data", data, filepath.Join("testdata", "import", "22v-bidi-invisible-names.csv")); r.code != 0 {
		t.Fatalf("code=%d stderr=%q", r.code, r.stderr)
	}
	m, closeStore, err := openStore(context.Background(), Config{DataDir: data, LogFormat: "text", LogLevel: "error"}, cliEnv{stderr: io.Discard, getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	defer closeStore()
	for id, want := range map[string]string{"B-1": "Anagpj.exe", "B-2": "Support Team", "B-3": "Bob"} {
		cs, _, err := m.CustomerService.FindCustomers(context.Background(), proofdesk.CustomerFilter{ExternalID: &id})
		if err != nil || len(cs) != 1 {
			t.Fatalf("find %s: %v", id, err)
		}
		if cs[0].Name != want || cs[0].Name != proofdesk.NeutralizeLine(cs[0].Name) {
			t.Fatalf("%s: name=%q, want %q", id, cs[0].Name, want)
		}
	}
}

package proofdesk_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	// The view reads numbers through the guard's normaliser, registered
	// when the guard is imported (as every binary does through desk).
	_ "github.com/proofdesk/proofdesk/guard"
)

// TestHideCodes_Forms: a code typed in any form the guard reads is hidden
// once codes were issued on the conversation; the same sentence without
// the code keeps its words.
func TestHideCodes_Forms(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"english words", "my code is four eight two nine one three thanks", "my code is [code hidden] thanks"},
		{"english tens", "it's forty eight twenty nine thirteen", "it's [code hidden]"},
		{"english hyphenated tens", "forty-eight twenty-nine thirteen!", "[code hidden]"},
		{"ambiguous one inside", "one one four eight two nine", "[code hidden]"},
		{"oh for zero", "code: four oh two nine one three", "code: [code hidden]"},
		{"double", "double four eight two nine one", "[code hidden]"},
		{"german", "der Code ist vier acht zwei neun eins drei", "der Code ist [code hidden]"},
		{"german compound", "zweiundvierzig neunundachtzig dreizehn bitte", "[code hidden] bitte"},
		{"french", "le code est quatre huit deux neuf un trois", "le code est [code hidden]"},
		{"french compound", "soixante-dix-neuf quatre-vingt-deux treize", "[code hidden]"},
		{"spanish", "el código es cuatro ocho dos nueve uno tres", "el código es [code hidden]"},
		{"italian", "il codice è quattro otto due nove uno tre", "il codice è [code hidden]"},
		{"dutch", "de code is vier acht twee negen een drie", "de code is [code hidden]"},
		{"portuguese", "o código é quatro oito dois nove um três", "o código é [code hidden]"},
		{"mixed words and digits", "4 eight 2 nine 1 three", "[code hidden]"},
		{"letter O for zero", "code 4O2913 ok", "code [code hidden] ok"},
		{"letter l for one", "code 482 9l3", "code [code hidden]"},
		{"capital I for one", "code 4829I3", "code [code hidden]"},
		{"spaced letter", "4 8 2 9 l 3", "[code hidden]"},
		{"cyrillic o", "4829\u043e3", "[code hidden]"},
		{"commas between digits", "4, 8, 2, 9, 1, 3", "[code hidden]"},
		{"dots between digits", "4.8.2.9.1.3", "[code hidden]"},
		{"newline", "482\n913", "[code hidden]"},
		{"full-width words", "ｆｏｕｒ ｅｉｇｈｔ ｔｗｏ ｎｉｎｅ ｏｎｅ ｔｈｒｅｅ", "[code hidden]"},
		{"zero-width inside words", "fo\u200bur eight two nine one three", "[code hidden]"},
		{"bengali digits", "কোড ৪৮২৯১৩", "কোড [code hidden]"},
		{"thai digits", "รหัส ๔๘๒๙๑๓", "รหัส [code hidden]"},
		// found by attacking the view
		{"superscript digits", "code ⁴⁸²⁹¹³", "code [code hidden]"},
		{"circled digits", "④⑧②⑨①③ ok", "[code hidden] ok"},
		{"keycap emoji", "4️⃣8️⃣2️⃣9️⃣1️⃣3️⃣", "[code hidden]"},
		{"letters between digits", "x4a8b2c9d1e3", "x[code hidden]"},
		{"letter O at the end", "it is 48291O", "it is [code hidden]"},
		{"thousands comma", "482,913 is it", "[code hidden] is it"},
		{"brackets", "call (482) 913 ok", "call ([code hidden] ok"},
		{"bullets", "4 • 8 • 2 • 9 • 1 • 3", "[code hidden]"},
		{"ellipses", "4…8…2…9…1…3", "[code hidden]"},
		{"en dash with spaces", "code: 4 8 2 – 9 1 3", "code: [code hidden]"},
		{"words run together", "foureighttwoninethree one", "[code hidden]"},
		{"hundreds and thousands", "four hundred eighty two thousand nine hundred thirteen", "[code hidden]"},
		{"french hundreds", "quatre cent quatre-vingt-deux mille neuf cent treize", "[code hidden]"},
		{"mixed languages", "vier eight deux nine uno three", "[code hidden]"},
		{"upper case words", "FOUR EIGHT TWO NINE ONE THREE", "[code hidden]"},
		// found by a second attack: letters for digits at a span's edges
		{"dotted letters first", "my code is l.O.O.8.2.8 ok", "my code is [code hidden] ok"},
		{"spaced letters first", "code O l 4 8 2 9", "code [code hidden]"},
		{"dotted letters last", "it's 4.8.2.9.l.O!", "it's [code hidden]!"},
		{"letter each side", "l 4 8 2 9 O", "[code hidden]"},
		// CI found: a code with O and l for 0 and 1, split where one half
		// is letters only ("158001" typed "l58 OOl")
		{"a half of letters only, last", "the code: l58 OOl", "the code: [code hidden]"},
		{"a half of letters only, first", "code IlO 829 thanks", "code [code hidden] thanks"},
		{"a half of lower-case letters", "it is 482 lll", "it is [code hidden]"},
		// found by a third attack: number words of one cardinal joined by
		// "y", "e", "et"; pairs the guard's phrase reading adds wrongly
		// ("zwanzig einundfünfzig" is not 71); Dutch compounds of "acht";
		// dingbat digits; digits and words glued
		{"spanish tens with y", "el código: cuarenta y ocho veintinueve trece", "el código: [code hidden]"},
		{"portuguese tens with e", "quarenta e oito vinte e nove treze", "[code hidden]"},
		{"french et un", "quarante-huit vingt-neuf trente et un", "[code hidden]"},
		{"spanish hundreds and thousands", "cuatrocientos ochenta y dos mil novecientos trece", "[code hidden]"},
		{"portuguese hundreds and thousands", "quatrocentos e oitenta e dois mil novecentos e treze", "[code hidden]"},
		{"dutch compound of acht", "achtenveertig negenentwintig dertien", "[code hidden]"},
		{"german tens before a compound", "code zwanzig einundfünfzig neunundvierzig", "code [code hidden]"},
		{"german teens before tens", "siebzehn vierzig sechsunddreißig", "[code hidden]"},
		{"dingbat circled digits", "code ➃➇➁➈➀➂", "code [code hidden]"},
		{"dingbat negative circled digits", "❹❽❷❾❶❸ ok", "[code hidden] ok"},
		{"dingbat sans-serif negative circled digits", "➍➑➋➒➊➌", "[code hidden]"},
		{"double circled digits", "⓸⓼⓶⓽⓵⓷", "[code hidden]"},
		{"digits and words glued", "it is 4eight2nine1three", "it is [code hidden]"},
		{"spanish doble", "doble cuatro ocho dos nueve uno", "[code hidden]"},
		{"dutch dubbel", "code: dubbel vier acht twee negen een", "code: [code hidden]"},
		{"italian doppio", "doppio quattro otto due nove uno", "[code hidden]"},
		{"portuguese duplo", "duplo quatro oito dois nove um", "[code hidden]"},
		{"italian triplo", "triplo otto due nove uno", "[code hidden]"},
		{"a double room stays", "una habitación doble, 2 noches", "una habitación doble, 2 noches"},
		{"dates stay", "delivered 2024-05-06, sent 06/05/2024, by 6.5.2024", "delivered 2024-05-06, sent 06/05/2024, by 6.5.2024"},
		{"a date alone stays", "2024-05-06", "2024-05-06"},
		{"prices with thousands stay", "it cost $1,299.00, now 1.249,50 €", "it cost $1,299.00, now 1.249,50 €"},
		{"a code shaped like no date is hidden", "code 48.29.13", "code [code hidden]"},
		{"a cardinal with y stays", "tengo cuarenta y ocho años y dos hijos", "tengo cuarenta y ocho años y dos hijos"},
		{"hundreds in words stay", "I paid one hundred twenty dollars", "I paid one hundred twenty dollars"},
		{"a year in words stays", "born in nineteen ninety nine", "born in nineteen ninety nine"},
		{"a number and a digit joined by a word stay", "order 12345 and 2 more", "order 12345 and 2 more"},
		{"french price in words stays", "quatre-vingt-dix-neuf euros et cinquante centimes", "quatre-vingt-dix-neuf euros et cinquante centimes"},
		{"a short word of letters by a short number stays", "lol 12", "lol 12"},
		{"a letter by a short number stays", "13 I think, 2 O", "13 I think, 2 O"},
		{"short numbers stay", "I have 2 orders and 3 returns, one is late", "I have 2 orders and 3 returns, one is late"},
		{"times stay", "open 10:30 11:45 12:15", "open 10:30 11:45 12:15"},
		{"prices stay", "it was 12.99 $13.50 then", "it was 12.99 $13.50 then"},
		{"words without a code stay", "I want one of those, or two", "I want one of those, or two"},
		{"order of five digits stays", "order 12345, 2 items, 3 days", "order 12345, 2 items, 3 days"},
	}
	// The code each row types, where it is not 482913: a row the view
	// hides once codes were issued is hidden by the known code alone
	// too (a conversation without requests of its own reads it so).
	codeOf := map[string]string{
		"ambiguous one inside": "114829", "double": "448291", "dotted letters first": "100828",
		"spaced letters first": "014829", "dotted letters last": "482910", "letter each side": "148290",
		"a half of letters only, last": "158001", "a half of letters only, first": "110829",
		"a half of lower-case letters": "482111", "french et un": "482931",
		"german tens before a compound": "205149", "german teens before tens": "174036",
		"spanish doble": "448291", "dutch dubbel": "448291", "italian doppio": "448291", "portuguese duplo": "448291",
		"italian triplo":     "888291",
		"words run together": "482931", "oh for zero": "402913", "letter O for zero": "402913",
		"letter O at the end": "482910", "german compound": "428913", "french compound": "798213",
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, hidden := proofdesk.HideCodes(tt.in, true)
			if got != tt.want || hidden != (got != tt.in) {
				t.Fatalf("HideCodes(%q) = %q, %v; want %q", tt.in, got, hidden, tt.want)
			}
			code := codeOf[tt.name]
			if code == "" {
				code = "482913"
			}
			vc := proofdesk.ViewContext{KnownCode: func(c string) bool { return c == code }}
			if got := vc.Text(tt.in); got != tt.in && tt.want == tt.in || got == tt.in && tt.want != tt.in {
				t.Fatalf("known code %s: view of %q = %q; want hidden as with requests: %q", code, tt.in, got, tt.want)
			}
		})
	}
	// Without requests on the conversation, a message that is nothing but
	// a code, in words, is still hidden; a known code anywhere.
	if got, _ := proofdesk.HideCodes("four eight two nine one three", false); got != proofdesk.CodeHiddenText {
		t.Errorf("a message of only a spelled code, no request: %q", got)
	}
	vc := proofdesk.ViewContext{KnownCode: func(c string) bool { return c == "482913" }}
	for _, in := range []string{"it's quatre huit deux then neuf un trois", "vier acht zwei und neun eins drei", "4 8 2 nine one three"} {
		got := vc.Text(in)
		if strings.Contains(got, "neuf") || strings.Contains(got, "neun") || strings.Contains(got, "nine") || !strings.Contains(got, proofdesk.CodeHiddenText) {
			t.Errorf("known code in words %q: view %q", in, got)
		}
	}
}

// TestNewMessageViews_Split: a code split across customer messages is
// hidden in each part, also with agent messages between; numbers that do
// not touch across messages stay.
func TestNewMessageViews_Split(t *testing.T) {
	cust := func(body string) *proofdesk.Message {
		return &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: body}
	}
	agent := func(body string) *proofdesk.Message {
		return &proofdesk.Message{AuthorKind: proofdesk.AuthorAgent, Body: body}
	}
	issued := proofdesk.ViewContext{CodesIssued: true}
	known := proofdesk.ViewContext{KnownCode: func(c string) bool { return c == "482913" }}
	tests := []struct {
		name string
		vc   proofdesk.ViewContext
		msgs []*proofdesk.Message
		want []string
	}{
		{"two halves", issued, []*proofdesk.Message{cust("482"), cust("913")}, []string{"[code hidden]", "[code hidden]"}},
		{"three pairs", issued, []*proofdesk.Message{cust("48"), cust("29"), cust("13")},
			[]string{"[code hidden]", "[code hidden]", "[code hidden]"}},
		{"agent between", issued, []*proofdesk.Message{cust("the code is 48"), agent("go on"), cust("29"), cust("13 thanks")},
			[]string{"the code is [code hidden]", "go on", "[code hidden]", "[code hidden] thanks"}},
		{"words across", issued, []*proofdesk.Message{cust("four eight two"), cust("nine one three")},
			[]string{"[code hidden]", "[code hidden]"}},
		{"known code across, no request here", known, []*proofdesk.Message{cust("it's 48"), cust("2 9"), cust("13")},
			[]string{"it's [code hidden]", "[code hidden]", "[code hidden]"}},
		{"known code in pieces with chatter between", known, []*proofdesk.Message{cust("48"), cust("let me look"), agent("ok"), cust("it's 29"), cust("and 13 I think")},
			[]string{"[code hidden]", "let me look", "ok", "it's [code hidden]", "and [code hidden] I think"}},
		{"other pieces stay", known, []*proofdesk.Message{cust("48"), cust("let me look"), cust("it's 29"), cust("and 14 I think")},
			[]string{"48", "let me look", "it's 29", "and 14 I think"}},
		{"not touching stays", issued, []*proofdesk.Message{cust("48 boxes arrived"), cust("and 29 more")},
			[]string{"48 boxes arrived", "and 29 more"}},
		{"small answers stay", issued, []*proofdesk.Message{cust("2"), cust("3")}, []string{"2", "3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs := proofdesk.NewMessageViews(tt.msgs, tt.vc)
			for i, v := range vs {
				if v.Body != tt.want[i] {
					t.Errorf("message %d %q: view %q, want %q", i, tt.msgs[i].Body, v.Body, tt.want[i])
				}
			}
		})
	}
}

// TestFileData: a text file reads through the view like a message; a
// binary file is untouched; a text file too large to read is withheld
// when codes are about.
func TestFileData(t *testing.T) {
	vc := proofdesk.ViewContext{CodesIssued: true}
	if got := string(vc.FileData([]byte("note: 482 913\n"))); got != "note: "+proofdesk.CodeHiddenText+"\n" {
		t.Errorf("text file: %q", got)
	}
	bin := []byte("\x00\x01482913")
	if got := vc.FileData(bin); string(got) != string(bin) {
		t.Errorf("binary file changed: %q", got)
	}
	plain := []byte("no numbers here")
	if got := vc.FileData(plain); string(got) != string(plain) {
		t.Errorf("plain text changed: %q", got)
	}
	big := []byte(strings.Repeat("a", 1<<20+1))
	if vc.FileData(big) != nil {
		t.Error("a text file too large to read is served while codes were issued")
	}
	if got := (proofdesk.ViewContext{}).FileData(big); len(got) != len(big) {
		t.Error("a large text file withheld where no code is about")
	}
}

// TestNewConversationViews: a code split between the subject and the
// first message is hidden in both; a subject without one stays.
func TestNewConversationViews(t *testing.T) {
	vc := proofdesk.ViewContext{CodesIssued: true}
	msgs := []*proofdesk.Message{{AuthorKind: proofdesk.AuthorCustomer, Body: "913 thanks"}}
	subject, views := proofdesk.NewConversationViews("Re: code 482", msgs, vc)
	if subject != "Re: code "+proofdesk.CodeHiddenText || views[0].Body != proofdesk.CodeHiddenText+" thanks" || len(views) != 1 {
		t.Fatalf("split across subject and body: %q, %q", subject, views[0].Body)
	}
	subject, views = proofdesk.NewConversationViews("Where is my order?", msgs, vc)
	if subject != "Where is my order?" || views[0].Body != "913 thanks" {
		t.Fatalf("no code: %q, %q", subject, views[0].Body)
	}
}

// TestHideLinks: attack on the view: the customer pastes or forwards the
// verification request's link (/v/{token}) or the owner notice's "this
// wasn't me" link (/n/{token}); an agent who opened it would answer the
// request as the customer. The token is hidden wherever it stands, with
// or without requests on the conversation; other links stay.
func TestHideLinks(t *testing.T) {
	tok := "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ" // no digit: nothing for the number reader
	for _, tt := range []struct{ in, want string }{
		{"I got https://desk.example/v/" + tok + " is it real?", "I got https://desk.example/v/" + proofdesk.CodeHiddenText + " is it real?"},
		{"> open desk.example/v/" + tok + "\n> or type code", "> open desk.example/v/" + proofdesk.CodeHiddenText + "\n> or type code"},
		{"https://desk.example/n/Y252XzEuY3VzXzEuMTc2NTA.c2lnbmF0dXJlX3NpZ25hdHVyZQ", "https://desk.example/n/" + proofdesk.CodeHiddenText},
		{"see https://shop.example/vouchers/v/12 and /v/short", "see https://shop.example/vouchers/v/12 and /v/short"},
	} {
		for _, issued := range []bool{false, true} {
			if got, hidden := proofdesk.HideCodes(tt.in, issued); got != tt.want || hidden != (got != tt.in) {
				t.Errorf("HideCodes(%q, %v) = %q, %v; want %q", tt.in, issued, got, hidden, tt.want)
			}
		}
	}
}

// TestHideCodes_EveryCodeInEveryForm: the console test's forms of a
// code (spelled in English and German, with O and l for 0 and 1 split in
// two halves, split across two messages) are hidden for every code of
// the digits 0, 1 and one other, so a form that fails only for some
// codes (CI drew "158001": "l58 OOl") fails here every time. A code of
// only 0 and 1 typed as letters alone is not read (see the loop).
func TestHideCodes_EveryCodeInEveryForm(t *testing.T) {
	words := [10]string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
	wordsDE := [10]string{"null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"}
	letters := strings.NewReplacer("0", "O", "1", "l")
	issued := proofdesk.ViewContext{CodesIssued: true}
	for n := 0; n < 1<<12; n++ {
		var c [6]byte
		for i := range c {
			c[i] = "0158"[n>>(2*i)&3]
		}
		code := string(c[:])
		if strings.Trim(code, "01") == "" {
			// Typed as letters alone ("OlO llO") it has no digit to read
			// as a number and is shown: 64 codes in a million, a gap
			// the README's view section names.
			continue
		}
		spell := func(ws [10]string) string {
			var out []string
			for _, d := range code {
				out = append(out, ws[d-'0'])
			}
			return strings.Join(out, " ")
		}
		l := letters.Replace(code)
		for _, f := range []string{spell(words), spell(wordsDE), l[:3] + " " + l[3:], l, l[:2] + " " + l[2:4] + " " + l[4:]} {
			if got, _ := proofdesk.HideCodes("the code: "+f, true); got != "the code: "+proofdesk.CodeHiddenText {
				t.Fatalf("code %s typed %q: the view shows %q", code, f, got)
			}
		}
		_, views := proofdesk.NewConversationViews("", []*proofdesk.Message{
			{AuthorKind: proofdesk.AuthorCustomer, Body: code[:3]},
			{AuthorKind: proofdesk.AuthorCustomer, Body: code[3:] + " sorry"},
		}, issued)
		if views[0].Body != proofdesk.CodeHiddenText || strings.Contains(views[1].Body, code[3:]) {
			t.Fatalf("code %s split across messages: %q, %q", code, views[0].Body, views[1].Body)
		}
	}
}

// TestHideCodes_EveryPairInEveryLanguage: a code said in pairs, as
// cardinals of the guard's seven languages ("cuarenta y ocho
// veintinueve trece", "achtenveertig negenentwintig dertien", "zéro
// quatre quatre-vingt-onze ..."), is hidden with every two pairs 00-99
// side by side ("sixty eleven" is not 71), both once codes were issued
// and by the known code alone, so a cardinal the reader gets wrong
// fails every time.
func TestHideCodes_EveryPairInEveryLanguage(t *testing.T) {
	for n := range 100 * 100 {
		a, b := n/100, n%100
		c := (a*37 + b*71 + 29) % 100
		for _, code := range []string{fmt.Sprintf("%02d%02d%02d", a, b, c)} {
			known := proofdesk.ViewContext{KnownCode: func(s string) bool { return s == code }}
			for _, l := range langs {
				in := "the code: " + inPairs(l, code) + " thanks"
				want := "the code: " + proofdesk.CodeHiddenText + " thanks"
				if got, _ := proofdesk.HideCodes(in, true); got != want {
					t.Errorf("code %s in %s, codes issued: view of %q = %q", code, l, in, got)
				}
				if got := known.Text(in); got != want {
					t.Errorf("code %s in %s, known code: view of %q = %q", code, l, in, got)
				}
			}
		}
	}
}

// TestNewMessageViews_Elsewhere: a known code split between two
// conversations of the same customer (a chat and an email, "my code is
// 629" in one and "759 thanks" in the other) is hidden in each, read in
// the order the customer wrote; what the customer wrote elsewhere is
// never shown, and other numbers stay.
func TestNewMessageViews_Elsewhere(t *testing.T) {
	t0 := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	cust := func(body string, min int) *proofdesk.Message {
		return &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: body, CreatedAt: t0.Add(time.Duration(min) * time.Minute)}
	}
	known := func(c string) bool { return c == "629759" }
	tests := []struct {
		name      string
		here      []*proofdesk.Message
		elsewhere []*proofdesk.Message
		want      []string
	}{
		{"first half here", []*proofdesk.Message{cust("hi", 0), cust("my code is 629", 1)}, []*proofdesk.Message{cust("759 thanks", 2)},
			[]string{"hi", "my code is [code hidden]"}},
		{"second half here", []*proofdesk.Message{cust("759 thanks", 3)}, []*proofdesk.Message{cust("my code is 629", 1), cust("sorry, cut off", 2)},
			[]string{"[code hidden] thanks"}},
		{"halves in the wrong order stay", []*proofdesk.Message{cust("my code is 629", 3)}, []*proofdesk.Message{cust("759 thanks", 1)},
			[]string{"my code is 629"}},
		{"other numbers stay", []*proofdesk.Message{cust("order 629, 2 boxes", 1)}, []*proofdesk.Message{cust("758 thanks", 2)},
			[]string{"order 629, 2 boxes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vc := proofdesk.ViewContext{KnownCode: known, Elsewhere: func() []*proofdesk.Message { return tt.elsewhere }}
			vs := proofdesk.NewMessageViews(tt.here, vc)
			if len(vs) != len(tt.here) {
				t.Fatalf("%d views of %d messages", len(vs), len(tt.here))
			}
			for i, v := range vs {
				if v.Body != tt.want[i] {
					t.Errorf("message %d %q: view %q, want %q", i, tt.here[i].Body, v.Body, tt.want[i])
				}
			}
		})
	}
}

// TestSubject_ElsewhereBeforeFirst: the subject is read at the time of
// the conversation's first message among what the customer wrote
// elsewhere: a number written elsewhere before it ("order 12") does not
// stand between the subject's half of a known code ("code 629") and the
// rest written elsewhere after it ("759 thanks"), and a rest written
// elsewhere before the subject is the wrong order, shown.
func TestSubject_ElsewhereBeforeFirst(t *testing.T) {
	t0 := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	cust := func(body string, min int) *proofdesk.Message {
		return &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: body, CreatedAt: t0.Add(time.Duration(min) * time.Minute)}
	}
	tests := []struct {
		name      string
		elsewhere []*proofdesk.Message
		want      string
	}{
		{"a number before, the rest after", []*proofdesk.Message{cust("order 12", 0), cust("759 thanks", 2)}, "code [code hidden]"},
		{"the rest before", []*proofdesk.Message{cust("759 thanks", 0)}, "code 629"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vc := proofdesk.ViewContext{KnownCode: func(c string) bool { return c == "629759" }}
			sc := proofdesk.SubjectContext{First: []*proofdesk.Message{cust("hello", 1)}, Elsewhere: func() []*proofdesk.Message { return tt.elsewhere }}
			if got := vc.Subject("code 629", sc); got != tt.want {
				t.Fatalf("Subject=%q, want %q", got, tt.want)
			}
		})
	}
}

// TestNewMessageViews_CodeSplitWithAFileName: attack13: the first half
// of a known code in the name of a file the customer sent ("code
// 629.png", a message without text, or with words only), the second in
// the next message ("759 thanks"). A file's name is the customer's text
// too: neither the name nor the message shows its half.
func TestNewMessageViews_CodeSplitWithAFileName(t *testing.T) {
	known := func(c string) bool { return c == "629759" }
	for _, body := range []string{"", "see the file"} {
		msgs := []*proofdesk.Message{
			{AuthorKind: proofdesk.AuthorCustomer, Body: body, Attachments: []*proofdesk.Attachment{{Filename: "code 629.png"}}},
			{AuthorKind: proofdesk.AuthorCustomer, Body: "759 thanks"},
		}
		vs := proofdesk.NewMessageViews(msgs, proofdesk.ViewContext{KnownCode: known})
		if name := vs[0].Attachments[0].Filename; strings.Contains(name, "629") {
			t.Errorf("body %q: the file's name shows its half: %q", body, name)
		}
		if strings.Contains(vs[1].Body, "759") {
			t.Errorf("body %q: the next message shows its half: %q", body, vs[1].Body)
		}
	}
}

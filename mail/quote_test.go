package mail

import (
	"strings"
	"testing"
)

func TestStripQuoted(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"no quote", "Hello\nthere", "Hello\nthere"},
		{"quoted lines", "Yes.\n> old\n>> older\n  > indented", "Yes."},
		{"interleaved answer", "> question 1\nanswer 1\n> question 2\nanswer 2", "answer 1\nanswer 2"},
		{"gmail attribution", "Fine.\n\nOn Mon, 2 Jun 2025 at 10:00, Support <s@x.example> wrote:\nquoted without marks", "Fine."},
		{"wrapped attribution", "Fine.\nOn Mon, Jun 2, 2025 at 10:00 AM Some Very Long Name <\nsome.long@address.example> wrote:\nold", "Fine."},
		{"on that is not attribution", "On Monday I ordered a lamp.\nIt never came.", "On Monday I ordered a lamp.\nIt never came."},
		{"french", "Merci.\nLe lun. 2 juin 2025 à 10:00, Support <s@x.example> a écrit :\nold", "Merci."},
		{"german", "Danke.\nAm Mo., 2. Juni 2025 um 10:00 Uhr schrieb Support <s@x.example>:\nold", "Danke."},
		{"original message", "Ok.\n-----Original Message-----\nFrom: x\nold", "Ok."},
		{"original message spaced", "Ok.\n----- Original Message -----\nold", "Ok."},
		{"outlook header", "Ok.\n\n________________________________\nFrom: Support\nSent: Monday\nTo: me\nold", "Ok."},
		{"outlook bold header", "Ok.\n*From:* Support\n*Sent:* Monday\n*To:* me\n*Subject:* order\nold", "Ok."},
		{"from line alone is kept", "From: my other account\nI wrote before.", "From: my other account\nI wrote before."},
		{"signature", "Hi.\n-- \nJane\nPhone", "Hi."},
		{"signature without space", "Hi.\n--\nJane", "Hi."},
		{"dashes in text kept", "Hi -- there\n---\nbye", "Hi -- there\n---\nbye"},
		{"forward kept", "FYI\n---------- Forwarded message ---------\nFrom: shop\nYour order", "FYI\n---------- Forwarded message ---------\nFrom: shop\nYour order"},
		{"all quoted", "> all\n> quoted", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := StripQuoted(tt.in); got != tt.want {
				t.Fatalf("StripQuoted=%q, want %q", got, tt.want)
			}
		})
	}
}

func TestHTMLToText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"script dropped", "<p>a</p><script>alert(1)</script><p>b</p>", "a\n\nb"},
		{"script any case with attrs", "x<SCRIPT type=\"text/javascript\">evil()</ScRiPt >y", "xy"},
		{"style dropped", "<style>p{color:red}</style>text", "text"},
		{"unterminated script drops rest", "ok<script>evil(); no end", "ok"},
		{"head dropped", "<html><head><title>T</title><meta x></head><body>B</body></html>", "B"},
		{"entities", "&lt;b&gt; &amp; &quot;q&quot; &#233;&#x41; &nbsp;x", "<b> & \"q\" éA x"},
		{"comments", "a<!-- <script>x</script> -->b<!-- unterminated", "ab"},
		{"quoted gt in attribute", "<a title=\"1>2\" href='x>y'>link</a>", "link"},
		{"breaks and blocks", "one<br>two<br/>three<div>four</div><li>five", "one\ntwo\nthree\nfour\n\nfive"},
		{"whitespace collapsed", "  a \n\n  b\t\tc  <p></p><p></p><p>d</p>", "a b c\n\nd"},
		{"table cells", "<table><tr><td>a</td><td>b</td></tr></table>", "a b"},
		{"unterminated tag", "text <b unterminated", "text"},
		{"lone lt", "1 < 2 &lt;3", "1 < 2 <3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := HTMLToText(tt.in); got != tt.want {
				t.Fatalf("HTMLToText=%q, want %q", got, tt.want)
			}
		})
	}
}

// TestHTMLToText_HTML5 checks the tokenizer against the HTML5 rules for
// comments and raw text, which a hand-written scanner got wrong.
func TestHTMLToText_HTML5(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty comment <!-->", "<p>Hello</p><!--><p>my order 7781 is late</p>", "Hello\n\nmy order 7781 is late"},
		{"empty comment <!--->", "a<!--->b", "ab"},
		{"outlook conditional comment", "<!--[if gte mso 9]><xml>x</xml><![endif]--><div>Text kept</div>", "Text kept"},
		{"script text with split close", "<script>var s='</scr'+'ipt>';</script>after", "after"},
		{"inline cid image with alt", `see <img src="cid:img1@x" alt="photo of box"> here`, "see [image: photo of box] here"},
		{"inline cid image without alt", `<img src="CID:part1.abc">`, "[image: part1.abc]"},
		{"remote image ignored", `<img src="https://tracker.example/p.gif">x`, "x"},
		{"nested skip", "<svg><style>a</style><text>no</text></svg>yes", "yes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := HTMLToText(tt.in); got != tt.want {
				t.Fatalf("HTMLToText=%q, want %q", got, tt.want)
			}
		})
	}
}

// deskReply is a reply the desk sent: what a customer's client may quote
// without a marker.
const deskReply = "Hi Jane,\n\n" +
	"Thanks for your patience. We checked with the courier: your parcel 4471 left our warehouse on Monday and should reach you by Thursday.\n\n" +
	"If it has not arrived by Friday, reply to this email and we will send a replacement at no cost.\n\n" +
	"Best regards,\nAnn\nAcme Support"

// wrap re-wraps text at width columns, paragraph by paragraph, as a client
// that re-flows quoted text does.
func wrap(text string, width int) string {
	var out []string
	for _, para := range strings.Split(text, "\n\n") {
		line := ""
		for _, w := range strings.Fields(para) {
			if line != "" && len(line)+1+len(w) > width {
				out = append(out, line)
				line = ""
			}
			if line != "" {
				line += " "
			}
			line += w
		}
		out = append(out, line, "")
	}
	return strings.Join(out, "\n")
}

func TestStripQuoted_DeskText(t *testing.T) {
	masked := "Hello Jane,\n\nWe will ship the replacement to [address hidden: L1] as you asked. The courier may call [phone hidden: L1] before noon.\n\nAnn"
	quotesCustomer := "You wrote:\n> my parcel 4471 has not arrived and I need it by Friday\n\nWe have asked the courier to call you today about the delivery."
	html := "<div>Thank you, that helps.</div><div><br></div>" +
		`<table role="presentation"><tr><td style="background:#1f4fc4">Acme</td></tr>` +
		"<tr><td style=\"white-space:pre-wrap\">" + deskReply + "</td></tr></table>"
	// The desk's mail is its text part and its HTML part, whose header
	// carries the company's name: both forms are passed.
	sent := []string{deskReply, "Acme\n\n" + deskReply}
	tests := []struct {
		name string
		in   string
		sent []string
		want string
	}{
		{"plain paste", "It still hasn't come.\n\n" + deskReply, sent, "It still hasn't come."},
		{"outlook mobile, no header block", "Ok thanks, I'll wait.\n\nGet Outlook for iOS<https://aka.ms/o0ukef>\n________________________________\n" +
			strings.ReplaceAll(deskReply, "\n\n", "\n"), sent, "Ok thanks, I'll wait.\n\nGet Outlook for iOS<https://aka.ms/o0ukef>"},
		{"re-wrapped at 72 columns", "Still nothing.\n\n" + wrap(deskReply, 72), sent, "Still nothing."},
		{"blank space changed", "Still nothing.\r\n\r\n  " + strings.ReplaceAll(strings.ReplaceAll(deskReply, " ", "  "), "\n", " \n\n"), sent, "Still nothing."},
		{"quoting prefixes", "Still nothing.\n\n" + "| " + strings.ReplaceAll(deskReply, "\n", "\n| "), sent, "Still nothing."},
		{"inline answers between desk paragraphs", "Hi Jane,\n\n" +
			"Thanks for your patience. We checked with the courier: your parcel 4471 left our warehouse on Monday and should reach you by Thursday.\n" +
			"It's Friday today and nothing came.\n\n" +
			"If it has not arrived by Friday, reply to this email and we will send a replacement at no cost.\n" +
			"Yes please, send the replacement.\n\n" +
			"Best regards,\nAnn\nAcme Support", sent, "It's Friday today and nothing came.\n\nYes please, send the replacement."},
		{"html form, inline answer, sign-off", "Acme\n\nHi Jane,\n\n" +
			"Thanks for your patience. We checked with the courier: your parcel 4471 left our warehouse on Monday and should reach you by Thursday.\n" +
			"It's Friday today and nothing came.\n\nBest regards,\nAnn\nAcme Support", sent, "It's Friday today and nothing came."},
		{"answer below the desk text", deskReply + "\n\nMy answer: it came today, thank you!", sent, "My answer: it came today, thank you!"},
		{"masked tokens in the desk text", "Great, noon works.\n\n" + masked, []string{masked}, "Great, noon works."},
		{"html only", HTMLToText(html), sent, "Thank you, that helps."},
		{"html only, the text form alone", HTMLToText(html), []string{deskReply}, "Thank you, that helps.\n\nAcme"},
		{"desk text then marked history", "Thanks.\n\n" + deskReply + "\n\nOn Tue, 3 Jun 2025 at 09:00, Jane <jane@example.com> wrote:\nWhere is my parcel?", sent, "Thanks."},
		{"short whole reply", "Received, thanks!\n\nYour refund was sent.", []string{"Your refund was sent."}, "Received, thanks!"},

		// What is not the desk's own text stays.
		{"no sent texts", "It still hasn't come.\n\n" + deskReply, nil, "It still hasn't come.\n\n" + deskReply},
		{"a phrase of the desk's in the customer's words", "Thanks for your patience too. Thursday is fine, the parcel 4471 can wait.", sent,
			"Thanks for your patience too. Thursday is fine, the parcel 4471 can wait."},
		{"the customer's words the desk quoted", "my parcel 4471 has not arrived and I need it by Friday\n\nPlease hurry.\n\n" + quotesCustomer, []string{quotesCustomer},
			"my parcel 4471 has not arrived and I need it by Friday\n\nPlease hurry."},
		{"customer's line ending in desk words", "Please confirm: should reach you by Thursday?\n\n" + deskReply, sent, "Please confirm: should reach you by Thursday?"},
		{"accents typed apart, full-width letters", "Merci.\n\n" + "Bonjour, votre cafe\u0301 arrive le ＴＨＵ 12 juin au de\u0301po\u0302t de Lyon.",
			[]string{"Bonjour, votre café arrive le THU 12 juin au dépôt de Lyon."}, "Merci."},
		{"a short reply's words as the whole mail", "Your refund was sent.", []string{"Your refund was sent."}, "Your refund was sent."},
		{"another reply's text", "Still nothing.\n\n" + deskReply, []string{"Your refund was sent to the card ending 1234 yesterday."}, "Still nothing.\n\n" + deskReply},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := StripQuotedSubject(tt.in, "Re: Parcel", tt.sent...); got != tt.want {
				t.Fatalf("StripQuotedSubject=%q, want %q", got, tt.want)
			}
		})
	}
}

// TestInbound_StripSent: a mail whose only text is the desk's reply shows
// nothing of it, with or without the marks around it; the customer's
// words quoted by mistake stay shown.
func TestInbound_StripSent(t *testing.T) {
	head := "From: jane@example.com\nTo: support@desk.example\nSubject: Re: Parcel\nMessage-ID: <s1@example.com>\n" +
		"In-Reply-To: <r1@desk.example>\nContent-Type: text/plain; charset=utf-8\n\n"
	sent := []string{deskReply}
	tests := []struct{ name, body, want string }{
		{"the reply alone", "\n" + deskReply, ""},
		{"under an attribution", "On Tue, 3 Jun 2025 at 09:00, Acme Support <support@desk.example>\nwrote:\n\n> " + strings.ReplaceAll(deskReply, "\n", "\n> "), ""},
		{"under an outlook header", "________________________________\nFrom: Acme Support <support@desk.example>\nSent: Tuesday, June 3, 2025 9:00 AM\nTo: Jane\nSubject: Parcel\n\n" + deskReply, ""},
		{"the customer's words inside the quote", "On Tue, 3 Jun 2025 at 09:00, Acme Support <support@desk.example> wrote:\n> " + strings.ReplaceAll(deskReply, "\n", "\n> ") + "\n> I typed here by mistake.",
			"On Tue, 3 Jun 2025 at 09:00, Acme Support <support@desk.example> wrote:\n> I typed here by mistake."},
		{"new text", "Thanks!\n\n" + deskReply, "Thanks!"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in, err := Parse(strings.NewReader(head+tt.body), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if in.StrippedBody == "" {
				t.Fatal("StrippedBody empty before StripSent")
			}
			in.StripSent(sent)
			if in.StrippedBody != tt.want {
				t.Fatalf("StrippedBody=%q, want %q", in.StrippedBody, tt.want)
			}
			if in.TextBody != strings.TrimSpace(tt.body) {
				t.Fatalf("TextBody changed: %q", in.TextBody)
			}
		})
	}
}

package mail

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"net/smtp"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The files in testdata/cases are the failing inputs of
// ../shared/cases/mail (issue 11), kept as they were reported. Each test
// below parses one, then variants of its kind: other clients, other
// languages.

func parseString(t *testing.T, raw string) *Inbound {
	t.Helper()
	in, err := Parse(strings.NewReader(strings.ReplaceAll(raw, "\n", "\r\n")), Limits{})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return in
}

func mustContain(t *testing.T, field, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Fatalf("%s=%q, want it to contain %q", field, got, w)
		}
	}
}

func mustNotContain(t *testing.T, field, got string, nots ...string) {
	t.Helper()
	for _, w := range nots {
		if strings.Contains(got, w) {
			t.Fatalf("%s=%q, want it without %q", field, got, w)
		}
	}
}

// 01: a forward keeps the forwarded text, in the shown text too.
func TestCase01_Forwards(t *testing.T) {
	in := mustParseFile(t, "cases/01-gmail-forward.eml")
	mustContain(t, "StrippedBody", in.StrippedBody, "Please see the courier's note below.", "PX-4471", "depot on Elm Road until Friday")
	head := "From: Rosa <rosa@example.org>\nTo: support@desk.example\nMessage-ID: <v@example.org>\nContent-Type: text/plain; charset=utf-8\n"
	variants := []struct{ name, subject, body string }{
		{"apple mail", "Fwd: parcel", "See below.\n\nBegin forwarded message:\n\nFrom: Parcel Notices <n@courier.example>\nSubject: Delivery attempt failed\nDate: 1 March 2026 at 18:12:00 CET\nTo: rosa@example.org\n\nParcel PX-4471 is at the depot."},
		{"outlook forward", "FW: parcel", "See below.\n\n________________________________\nFrom: Parcel Notices <n@courier.example>\nSent: Sunday, March 1, 2026 6:12 PM\nTo: rosa@example.org\nSubject: Delivery attempt failed\n\nParcel PX-4471 is at the depot."},
		{"outlook forward german", "WG: Paket", "Siehe unten.\n\n________________________________\nVon: Paketdienst <n@courier.example>\nGesendet: Sonntag, 1. März 2026 18:12\nAn: rosa@example.org\nBetreff: Zustellversuch\n\nParcel PX-4471 is at the depot."},
		{"gmail german", "Fwd: Paket", "Siehe unten.\n\n---------- Weitergeleitete Nachricht ---------\nVon: Paketdienst <n@courier.example>\nDate: So., 1. März 2026 um 18:12 Uhr\nSubject: Zustellversuch\nTo: <rosa@example.org>\n\nParcel PX-4471 is at the depot."},
		{"gmail french", "TR: colis", "Voir ci-dessous.\n\n---------- Message transféré ---------\nDe : La Poste <n@courier.example>\nDate: dim. 1 mars 2026 à 18:12\nSubject: Avis\nTo: <rosa@example.org>\n\nParcel PX-4471 is at the depot."},
		{"apple mail spanish", "RV: paquete", "Mira abajo.\n\nInicio del mensaje reenviado:\n\nDe: Correos <n@courier.example>\nAsunto: Aviso\nFecha: 1 de marzo de 2026, 18:12:00 CET\nPara: rosa@example.org\n\nParcel PX-4471 is at the depot."},
		{"apple mail french", "Fwd: colis", "Voir.\n\nDébut du message réexpédié :\n\nDe: La Poste <n@courier.example>\nObjet: Avis\nDate: 1 mars 2026 à 18:12:00 UTC+1\nÀ: rosa@example.org\n\nParcel PX-4471 is at the depot."},
		{"gmail polish", "PD: paczka", "Poniżej.\n\n---------- Przekazana wiadomość ---------\nOd: Poczta <n@courier.example>\nDate: niedz., 1 mar 2026 o 18:12\nSubject: Awizo\nTo: <rosa@example.org>\n\nParcel PX-4471 is at the depot."},
		{"gmail swedish", "VB: paket", "Se nedan.\n\n---------- Vidarebefordrat meddelande ---------\nFrån: Posten <n@courier.example>\nDate: sön 1 mars 2026 kl 18:12\nSubject: Avisering\nTo: <rosa@example.org>\n\nParcel PX-4471 is at the depot."},
		{"gmail italian", "I: pacco", "Vedi sotto.\n\n---------- Messaggio inoltrato ---------\nDa: Poste <n@courier.example>\nDate: dom 1 mar 2026 alle ore 18:12\nSubject: Avviso\nTo: <rosa@example.org>\n\nParcel PX-4471 is at the depot."},
	}
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			in := parseString(t, head+"Subject: "+v.subject+"\n\n"+v.body)
			mustContain(t, "StrippedBody", in.StrippedBody, "PX-4471 is at the depot")
		})
	}
}

// 02: a blank text/plain part yields to the HTML part.
func TestCase02_BlankPlainYieldsToHTML(t *testing.T) {
	in := mustParseFile(t, "cases/02-empty-plain-with-html.eml")
	if want := "Hi, invoice 5512 was charged twice.\n\nCan you refund one?"; in.TextBody != want || !in.FromHTML {
		t.Fatalf("TextBody=%q FromHTML=%v, want %q from HTML", in.TextBody, in.FromHTML, want)
	}
	for _, plain := range []string{" \n\t\n", "\u00a0", "\n\n\n"} {
		raw := "From: a@example.org\nSubject: x\nContent-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/plain; charset=utf-8\n\n" +
			plain + "\n--b\nContent-Type: text/html; charset=utf-8\n\n<div dir=ltr>Bitte <b>Rechnung 77</b> stornieren.</div>\n--b--\n"
		in := parseString(t, raw)
		if plain == "\u00a0" {
			// A no-break space alone is blank too: the HTML wins.
			mustContain(t, "TextBody", in.TextBody, "Rechnung 77")
			continue
		}
		if in.TextBody != "Bitte Rechnung 77 stornieren." {
			t.Fatalf("plain %q: TextBody=%q", plain, in.TextBody)
		}
	}
}

// 06: a message attached whole is a nested message with its own sender,
// subject and text, and its text is shown.
func TestCase06_ForwardAsAttachment(t *testing.T) {
	in := mustParseFile(t, "cases/06-forward-as-attachment.eml")
	if len(in.Nested) != 1 {
		t.Fatalf("Nested=%d, want 1", len(in.Nested))
	}
	n := in.Nested[0]
	if n.From.Address != "nb@example.com" || n.Subject != "your parcel" || n.MessageID != "inner-1@example.com" ||
		n.TextBody != "Your parcel 55-KX was left at my door, it is damaged and wet." {
		t.Fatalf("nested: %+v", summarize(n))
	}
	mustContain(t, "StrippedBody", in.StrippedBody, "See the attached mail.", "From: Neighbour <nb@example.com>", "Subject: your parcel", "55-KX was left at my door")
	if in.Auto != "" || in.DSN != nil {
		t.Fatalf("Auto=%q DSN=%v, want a person's mail", in.Auto, in.DSN)
	}

	// Variant: Outlook attaches an HTML mail with a file, inside a mail
	// that is itself only HTML.
	raw := "From: Lena <lena@example.org>\nSubject: WG: Beschwerde\nContent-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: text/html\n\n<p>Siehe Anhang.</p>\n--o\nContent-Type: message/rfc822; name=\"Beschwerde.eml\"\n\n" +
		"From: =?utf-8?q?J=C3=BCrgen?= <j@example.de>\nSubject: =?utf-8?q?Besch=C3=A4digt?=\nContent-Type: multipart/mixed; boundary=i\n\n--i\nContent-Type: text/html; charset=utf-8\n\n<p>Das Paket 91-QQ ist nass.</p>\n--i\nContent-Type: image/jpeg; name=foto.jpg\nContent-Disposition: attachment; filename=foto.jpg\nContent-Transfer-Encoding: base64\n\n/9j/4AAQ\n--i--\n\n--o--\n"
	in = parseString(t, raw)
	if len(in.Nested) != 1 || in.Nested[0].From.Name != "Jürgen" || in.Nested[0].Subject != "Beschädigt" {
		t.Fatalf("nested: %+v", in.Nested)
	}
	mustContain(t, "StrippedBody", in.StrippedBody, "Siehe Anhang.", "Das Paket 91-QQ ist nass.")
	if len(in.Attachments) != 1 || in.Attachments[0].Filename != "foto.jpg" {
		t.Fatalf("Attachments=%+v, want foto.jpg from the nested message", summarize(in).Attachments)
	}

	// Nesting counts against MaxDepth like multiparts.
	deep := "From: a@example.org\nSubject: x\nContent-Type: message/rfc822\n\n"
	for i := 0; i < 12; i++ {
		deep += "From: b@example.org\nSubject: y\nContent-Type: message/rfc822\n\n"
	}
	deep += "From: c@example.org\n\nbottom\n"
	if _, err := Parse(strings.NewReader(deep), Limits{}); err == nil {
		t.Fatal("13 nested messages accepted, want refused past MaxDepth")
	}
}

// 07: Outlook's winmail.dat is decoded: its text and its files.
func TestCase07_TNEF(t *testing.T) {
	in := mustParseFile(t, "cases/07-winmail-tnef-only.eml")
	if in.TextBody != "The replacement part number is RX-220. Photos attached." {
		t.Fatalf("TextBody=%q", in.TextBody)
	}
	if got := summarize(in).Attachments; len(got) != 1 || got[0] != "photo1.txt text/plain 17" || string(in.Attachments[0].Data) != "fake photo bytes\n" {
		t.Fatalf("Attachments=%v", got)
	}

	// Variant: the text only among the MAPI properties, as UTF-16
	// (PR_BODY_W), and the file's long name in its MAPI properties.
	props := mapiBlock(t, 0x1000, 0x001F, utf16le("Die Ersatzteilnummer ist RX-221. Grüße")) // PR_BODY_W
	att := mapiBlock(t, 0x3707, 0x001F, utf16le("Schadensbericht März.pdf"))
	stream := tnefStream(
		tnefAttr{1, 0x00089006, []byte{0, 0, 1, 0}}, // attTnefVersion
		tnefAttr{1, attMAPIProps, props},
		tnefAttr{2, attAttachRenddata, make([]byte, 14)},
		tnefAttr{2, attAttachTitle, []byte("SCHADE~1.PDF\x00")},
		tnefAttr{2, attAttachData, []byte("%PDF-1.4 test")},
		tnefAttr{2, attAttachment, att},
	)
	in = parseString(t, tnefMail(stream))
	if in.TextBody != "Die Ersatzteilnummer ist RX-221. Grüße" {
		t.Fatalf("TextBody=%q", in.TextBody)
	}
	if got := summarize(in).Attachments; len(got) != 1 || got[0] != "Schadensbericht März.pdf application/pdf 13" {
		t.Fatalf("Attachments=%v", got)
	}

	// A corrupt stream (bad checksum) is kept as the file it was.
	bad := append([]byte(nil), stream...)
	bad[len(bad)-1] ^= 0xff
	bad[len(bad)-3] ^= 0x01
	in = parseString(t, tnefMail(bad))
	found := false
	for _, a := range in.Attachments {
		found = found || a.Filename == "winmail.dat" && bytes.Equal(a.Data, bad)
	}
	if !found {
		t.Fatalf("corrupt winmail.dat not kept: %v", summarize(in).Attachments)
	}
	// Truncated anywhere: never a panic, never an out-of-range read.
	for i := range stream {
		_, _ = decodeTNEF(stream[:i])
	}
}

type tnefAttr struct {
	level byte
	id    uint32
	data  []byte
}

func tnefStream(attrs ...tnefAttr) []byte {
	b := binary.LittleEndian.AppendUint32(nil, tnefSignature)
	b = binary.LittleEndian.AppendUint16(b, 1)
	for _, a := range attrs {
		b = append(b, a.level)
		b = binary.LittleEndian.AppendUint32(b, a.id)
		b = binary.LittleEndian.AppendUint32(b, uint32(len(a.data)))
		b = append(b, a.data...)
		var s uint16
		for _, c := range a.data {
			s += uint16(c)
		}
		b = binary.LittleEndian.AppendUint16(b, s)
	}
	return b
}

// mapiBlock is a MAPI property list ([MS-OXTNEF] §2.1.3.4) with one
// integer property first (so the reader must skip it) and then one
// variable-length value.
func mapiBlock(t *testing.T, id, typ uint16, val []byte) []byte {
	t.Helper()
	b := binary.LittleEndian.AppendUint32(nil, 2)
	b = binary.LittleEndian.AppendUint32(b, uint32(0x0E07)<<16|0x0003) // PR_MESSAGE_FLAGS, PT_LONG
	b = binary.LittleEndian.AppendUint32(b, 1)
	b = binary.LittleEndian.AppendUint32(b, uint32(id)<<16|uint32(typ))
	b = binary.LittleEndian.AppendUint32(b, 1)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(val)))
	b = append(b, val...)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return b
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = binary.LittleEndian.AppendUint16(b, uint16(r))
	}
	return append(b, 0, 0)
}

func tnefMail(stream []byte) string {
	var enc strings.Builder
	b64 := base64.StdEncoding.EncodeToString(stream)
	for len(b64) > 76 {
		enc.WriteString(b64[:76] + "\n")
		b64 = b64[76:]
	}
	enc.WriteString(b64)
	return "From: o@example.org\nSubject: Teil\nContent-Type: multipart/mixed; boundary=tn\n\n--tn\nContent-Type: application/ms-tnef; name=winmail.dat\nContent-Disposition: attachment; filename=winmail.dat\nContent-Transfer-Encoding: base64\n\n" +
		enc.String() + "\n--tn--\n"
}

// 08b: reply and forward header blocks in eleven languages, from Gmail,
// Outlook and Apple Mail, start the quoted history; the customer's own
// dashes and From:/Date: lines do not.
func TestCase08b_QuoteHeadersInLanguages(t *testing.T) {
	in := mustParseFile(t, "cases/08b-outlook-german-quote.eml")
	if in.StrippedBody != "Danke, das Paket ist angekommen." {
		t.Fatalf("StrippedBody=%q", in.StrippedBody)
	}
	mustContain(t, "TextBody", in.TextBody, "Lindenweg 4, 10115 Berlin") // kept in full

	const desk = "Your delivery address is Lindenweg 4."
	type lang struct {
		code                    string
		from, sent, to, subject string // Outlook field names
		gmail, apple            string // attribution lines
		original                string // "Original Message"
	}
	langs := []lang{
		{"en", "From", "Sent", "To", "Subject", "On Sun, Mar 1, 2026 at 6:00 PM Support <support@desk.example> wrote:", "On 1 Mar 2026, at 18:00, Support <support@desk.example> wrote:", "-----Original Message-----"},
		{"de", "Von", "Gesendet", "An", "Betreff", "Am So., 1. März 2026 um 18:00 Uhr schrieb Support <support@desk.example>:", "Am 01.03.2026 um 18:00 schrieb Support <support@desk.example>:", "-----Ursprüngliche Nachricht-----"},
		{"fr", "De", "Envoyé", "À", "Objet", "Le dim. 1 mars 2026 à 18:00, Support <support@desk.example> a écrit :", "Le 1 mars 2026 à 18:00, Support <support@desk.example> a écrit :", "-----Message d'origine-----"},
		{"es", "De", "Enviado", "Para", "Asunto", "El dom, 1 mar 2026 a las 18:00, Support (<support@desk.example>) escribió:", "El 1 mar 2026, a las 18:00, Support <support@desk.example> escribió:", "-----Mensaje original-----"},
		{"it", "Da", "Inviato", "A", "Oggetto", "Il giorno dom 1 mar 2026 alle ore 18:00 Support <support@desk.example> ha scritto:", "Il giorno 1 mar 2026, alle ore 18:00, Support <support@desk.example> ha scritto:", "-----Messaggio originale-----"},
		{"nl", "Van", "Verzonden", "Aan", "Onderwerp", "Op zo 1 mrt 2026 om 18:00 schreef Support <support@desk.example>:", "Op 1 mrt. 2026 om 18:00 heeft Support <support@desk.example> het volgende geschreven:", "-----Oorspronkelijk bericht-----"},
		{"pt", "De", "Enviado", "Para", "Assunto", "Em dom., 1 de mar. de 2026 às 18:00, Support <support@desk.example> escreveu:", "Em 1 de mar. de 2026, à(s) 18:00, Support <support@desk.example> escreveu:", "-----Mensagem original-----"},
		{"da", "Fra", "Sendt", "Til", "Emne", "Den søn. 1. mar. 2026 kl. 18.00 skrev Support <support@desk.example>:", "Den 1. mar. 2026 kl. 18.00 skrev Support <support@desk.example>:", "-----Oprindelig meddelelse-----"},
		{"sv", "Från", "Skickat", "Till", "Ämne", "Den sön 1 mars 2026 kl 18:00 skrev Support <support@desk.example>:", "1 mars 2026 kl. 18:00 skrev Support <support@desk.example>:", "-----Ursprungligt meddelande-----"},
		{"no", "Fra", "Sendt", "Til", "Emne", "søn. 1. mar. 2026 kl. 18:00 skrev Support <support@desk.example>:", "1. mar. 2026 kl. 18:00 skrev Support <support@desk.example>:", "-----Opprinnelig melding-----"},
		{"pl", "Od", "Wysłano", "Do", "Temat", "W dniu ndz., 1.03.2026 o 18:00 Support <support@desk.example> napisał(a):", "Wiadomość napisana przez Support <support@desk.example> w dniu 01.03.2026, o godz. 18:00:", "-----Oryginalna wiadomość-----"},
	}
	const mine = "Thanks, it arrived."
	for _, l := range langs {
		forms := map[string]string{
			"outlook":      mine + "\n\n________________________________\n" + l.from + ": Support <support@desk.example>\n" + l.sent + ": 1.3.2026 18:00\n" + l.to + ": Klara <k@example.org>\n" + l.subject + ": Order\n\n" + desk,
			"outlook bold": mine + "\n\n*" + l.from + ":* Support <support@desk.example>\n*" + l.sent + ":* 1.3.2026 18:00\n*" + l.to + ":* Klara\n*" + l.subject + ":* Order\n\n" + desk,
			"gmail":        mine + "\n\n" + l.gmail + "\n\n" + desk,
			"gmail quoted": mine + "\n\n" + l.gmail + "\n> " + desk,
			"original":     mine + "\n\n" + l.original + "\n" + l.from + ": Support\n" + desk,
		}
		forms["apple"] = mine + "\n\n" + l.apple + "\n\n> " + desk + "\n" + desk
		// French typography puts a space before the colon, in Outlook's
		// field names too.
		forms["outlook spaced colon"] = mine + "\n\n" + l.from + " : Support <support@desk.example>\n" + l.sent + " : 1.3.2026 18:00\n" + l.to + " : Klara\n" + l.subject + " : Order\n\n" + desk
		for form, text := range forms {
			t.Run(l.code+" "+form, func(t *testing.T) {
				if got := StripQuotedSubject(text, "Re: Order"); got != mine {
					t.Fatalf("StripQuoted=%q, want %q", got, mine)
				}
			})
		}
	}

	// What the customer wrote is not cut.
	keep := []string{
		"From: my old address, not this one\nDate: I ordered on 3 March 2026\nPlease check order 4411.",
		"Here is the log:\n--------------------------------\nerror 500 at 18:00\n--------------------------------\nThanks",
		"Von: Berlin\nAn: München\nDie Lieferung kam nie an.",
		"Details:\nFrom: 2026-03-01\nTo: 2026-03-05\nNo delivery in that time.",
		"My colleague wrote:\nthe box was empty.",
		"On Monday I wrote to you:\nthe box was empty.",
		"-----\nOriginal text of the contract follows\n-----\nclause 1",
		"Le colis est arrivé abîmé : voici les photos.",
	}
	for i, text := range keep {
		t.Run(fmt.Sprintf("keep %d", i), func(t *testing.T) {
			if got := StripQuoted(text); got != text {
				t.Fatalf("StripQuoted=%q, want all of %q", got, text)
			}
		})
	}
}

// 14: a body line longer than go-smtp's default 2,000 bytes is accepted by
// the listener, up to the message size limit.
func TestCase14_LongLine(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "cases", "14-long-line-2100.eml"))
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	srv := NewServer("127.0.0.1:0", rec, Limits{MaxMessageBytes: 1 << 20}, nil)
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	long := "From: d@example.org\r\nTo: support@shop.example\r\nSubject: json\r\n\r\n{\"log\":\"" + strings.Repeat("x", 200_000) + "\"}\r\n"
	for _, c := range []struct {
		name string
		msg  []byte
	}{{"case 14", raw}, {"200 kB line", []byte(long)}} {
		msg := c.msg
		t.Run(c.name, func(t *testing.T) {
			if err := smtp.SendMail(srv.Addr().String(), nil, "d@example.org", []string{"support@shop.example"}, msg); err != nil {
				t.Fatalf("send: %v", err)
			}
		})
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if n := len(rec.raws); n != 2 {
		t.Fatalf("delivered %d, want 2", n)
	}
	in, err := Parse(bytes.NewReader(rec.raws[0]), Limits{})
	if err != nil || len(in.TextBody) != 2100 {
		t.Fatalf("case 14 text %d bytes, err %v; want the 2,100-byte line", len(in.TextBody), err)
	}
	if in, err := Parse(bytes.NewReader(rec.raws[1]), Limits{}); err != nil || len(in.TextBody) != 200_010 {
		t.Fatalf("long line: err %v; want the whole line", err)
	}
}

// 19: bounces and auto-replies are recognised by their standard signals.
func TestCase19_BouncesAndAutoReplies(t *testing.T) {
	in := mustParseFile(t, "cases/19-bounce-dsn.eml")
	if in.Auto != AutoBounce || in.DSN == nil || !in.DSN.Failed() || in.DSN.OriginalMessageID != "deadbeef@desk.example" ||
		len(in.DSN.Recipients) != 1 || in.DSN.Recipients[0] != (DSNRecipient{"hana.ito@example.org", "failed", "5.2.2"}) {
		t.Fatalf("Auto=%q DSN=%+v", in.Auto, in.DSN)
	}

	person := "From: Hana <hana@example.org>\nTo: support@desk.example\nSubject: Re: x\nMessage-ID: <p@example.org>\n"
	tests := []struct {
		name, raw string
		want      string
		wantOrig  string
	}{
		{"exim bounce with returned message", "From: Mail Delivery System <Mailer-Daemon@mx.example.net>\nTo: bounce@desk.example\nSubject: Mail delivery failed: returning message to sender\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\nContent-Type: text/plain\n\nA message that you sent could not be delivered.\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\nAction: failed\nFinal-Recipient: rfc822;gone@example.net\nStatus: 5.1.1\n--b\nContent-Type: message/rfc822\n\nFrom: support@desk.example\nTo: gone@example.net\nMessage-ID: <out-1@desk.example>\nSubject: Re: order\n\nOur reply.\n--b--\n", AutoBounce, "out-1@desk.example"},
		{"exchange NDR", "From: postmaster@corp.example\nTo: support@desk.example\nSubject: Non remis : Re: Commande\nContent-Type: multipart/report; report-type=\"delivery-status\"; boundary=\"x\"\n\n--x\nContent-Type: text/plain; charset=utf-8\n\nLa remise a échoué.\n--x\nContent-Type: message/delivery-status\n\nReporting-MTA: dns;corp.example\n\nFinal-recipient: RFC822; <nobody@corp.example>\nAction: failed\nStatus: 5.1.10 (user unknown)\n--x\nContent-Type: text/rfc822-headers\n\nMessage-ID:\n <out-2@desk.example>\nSubject: Re: Commande\n--x--\n", AutoBounce, "out-2@desk.example"},
		{"postmaster plain text", "From: postmaster@example.org\nSubject: Returned mail\n\nUser unknown.\n", AutoBounce, ""},
		{"mailer-daemon any case", "From: \"Mail System\" <MAILER-DAEMON@example.org>\nSubject: failure\n\nx\n", AutoBounce, ""},
		{"out of office RFC 3834", person + "Auto-Submitted: auto-replied\n\nI am away until Monday.\n", AutoReply, ""},
		{"auto-generated with params", person + "Auto-Submitted: auto-generated; owner-email=\"x@example.org\"\n\nTicket received.\n", AutoReply, ""},
		{"precedence bulk", person + "Precedence: bulk\n\nNewsletter\n", AutoReply, ""},
		{"precedence junk", person + "Precedence: junk\n\nx\n", AutoReply, ""},
		{"precedence list", person + "Precedence: list\n\nx\n", AutoReply, ""},
		{"x-autoreply", person + "X-Autoreply: yes\n\nAbwesenheitsnotiz\n", AutoReply, ""},
		{"x-autorespond", person + "X-Autorespond: Out of office\n\nAusente\n", AutoReply, ""},
		{"null return path", person + "Return-Path: <>\n\nx\n", AutoReply, ""},
		{"auto-submitted no is a person", person + "Auto-Submitted: no\n\nHello\n", "", ""},
		{"precedence first-class is a person", person + "Precedence: first-class\n\nHello\n", "", ""},
		{"suppress header is a person", person + "X-Auto-Response-Suppress: All\n\nHello\n", "", ""},
		{"report of another type is a person", person + "Content-Type: multipart/report; report-type=disposition-notification; boundary=b\n\n--b\nContent-Type: text/plain\n\nRead.\n--b--\n", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := parseString(t, tt.raw)
			if in.Auto != tt.want {
				t.Fatalf("Auto=%q, want %q", in.Auto, tt.want)
			}
			if tt.wantOrig != "" && (in.DSN == nil || in.DSN.OriginalMessageID != tt.wantOrig || !in.DSN.Failed()) {
				t.Fatalf("DSN=%+v, want failed for %s", in.DSN, tt.wantOrig)
			}
		})
	}
}

package verify

import (
	"net/mail"
	"time"

	"github.com/proofdesk/proofdesk"
)

// Factor kinds. There is deliberately no kind for a claim (name, address,
// date of birth, card digits, order number, caller ID, an unauthenticated
// From header): LevelFrom ignores any kind it does not know.
const (
	// FactorEmail: a challenge sent to an on-file email and completed.
	FactorEmail = proofdesk.ContactEmail
	// FactorPhone: a challenge sent to an on-file phone and completed.
	FactorPhone = proofdesk.ContactPhone
	// FactorSession: a valid signed session token from the business's app.
	FactorSession = "session"
	// FactorDMARC: an inbound email from an on-file address, outside the
	// cooling-off window, with a DMARC pass.
	FactorDMARC = "dmarc"
)

// Factor is one proof of possession on a conversation. Build factors only
// through Challenge.Factor, Identity.Factor and EmailFactor (or reload
// them from what those returned); never from what a requester says.
type Factor struct {
	Kind string
	// ContactPointID is the on-file contact point proven; "" for a
	// session.
	ContactPointID string
	At             time.Time
}

// channel returns the contact point kind a factor proves possession of:
// email for an email challenge or a DMARC-passing email, phone for a
// phone challenge, "" for a session or an unknown or incomplete factor.
func (f Factor) channel() string {
	switch f.Kind {
	case FactorEmail, FactorDMARC:
		if f.ContactPointID != "" {
			return proofdesk.ContactEmail
		}
	case FactorPhone:
		if f.ContactPointID != "" {
			return proofdesk.ContactPhone
		}
	}
	return ""
}

// LevelFrom returns the assurance level the factors prove together. The
// caller passes only the factors still in force for the conversation's
// current customer (the level drops to L0 when it is linked to another
// customer and expires after inactivity).
//
//   - L1: any one possession factor (an email or phone challenge, a
//     DMARC-passing email from an on-file address, a signed session).
//   - L2: two independent factors: an email factor and a phone factor on
//     different contact points; or a signed session plus a completed
//     challenge (email or phone code).
//   - Everything else stays L1: two factors on the same contact point, two
//     sessions, a session plus a DMARC-passing email (the DMARC pass shows
//     the mail system vouches for the sender, not a second device), and two
//     different email addresses — our choice: two mailboxes are often one
//     provider account, forward to each other or sit on one device, so they
//     are not independent the way a mailbox and a phone are. The same goes
//     for two phone numbers.
//
// Unknown kinds, and email or phone factors without a contact point, count
// for nothing.
func LevelFrom(factors []Factor) proofdesk.Level {
	var email, phone, session, code bool
	for _, f := range factors {
		switch {
		case f.Kind == FactorSession:
			session = true
		case f.channel() == proofdesk.ContactEmail:
			email = true
			if f.Kind == FactorEmail {
				code = true
			}
		case f.channel() == proofdesk.ContactPhone:
			phone, code = true, true
		}
	}
	switch {
	case email && phone: // different kinds, hence different contact points
		return proofdesk.L2
	case session && code:
		return proofdesk.L2
	case email || phone || session:
		return proofdesk.L1
	}
	return proofdesk.L0
}

// EmailFactor applies the rule for inbound email (issue 3 §6): the message
// counts as a possession factor only when its From header holds exactly one
// address, that address (normalised) is an email on file among onFile,
// outside the cooling-off window, and DMARC passed for it (aligned DKIM or
// SPF, evaluated by the mail package). Otherwise it returns nil and an
// EFORBIDDEN error saying why; the From header is then just a claim. The
// error never repeats the address. now is the time the message arrived;
// coolingOff of zero or less means DefaultCoolingOff.
func EmailFactor(fromAddr string, dmarcPass bool, onFile []*proofdesk.ContactPoint, now time.Time, coolingOff time.Duration) (*Factor, error) {
	list, err := mail.ParseAddressList(fromAddr)
	if err != nil || len(list) != 1 {
		return nil, proofdesk.Errorf(proofdesk.EFORBIDDEN, "The sender address is not a single valid address.")
	}
	from, err := proofdesk.NormalizeEmail(list[0].Address)
	if err != nil {
		return nil, proofdesk.Errorf(proofdesk.EFORBIDDEN, "The sender address is not a single valid address.")
	}
	if !dmarcPass {
		return nil, proofdesk.Errorf(proofdesk.EFORBIDDEN, "The message did not pass DMARC, so its sender is only a claim.")
	}
	var match *proofdesk.ContactPoint
	for _, cp := range onFile {
		if cp == nil || cp.Kind != proofdesk.ContactEmail {
			continue
		}
		v, err := proofdesk.NormalizeEmail(cp.Value)
		if err == nil && v == from {
			match = cp
			break
		}
	}
	if match == nil {
		return nil, proofdesk.Errorf(proofdesk.EFORBIDDEN, "The sender is not an email address on file.")
	}
	if err := Eligible(match, now, coolingOff); err != nil {
		return nil, err
	}
	return &Factor{Kind: FactorDMARC, ContactPointID: match.ID, At: now.UTC()}, nil
}

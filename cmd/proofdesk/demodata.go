package main

import (
	"fmt"
	"math/rand"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
)

// This file generates the demo data set deterministically from a seed, with
// no network: agents, customers with addresses in US, UK, German and French
// formats, and conversations on every channel.

// demoSeed seeds the demo generator, so every demo shows the same people.
const demoSeed = 20240607

// demoAgent is a demo login. Passwords are generated at seeding time.
type demoAgent struct {
	Email string
	Name  string
	Role  string
}

// demoConversation is a conversation to seed; Customer indexes the
// customers slice (-1 for a requester that matches no customer).
type demoConversation struct {
	Channel   string
	Customer  int
	Requester proofdesk.Requester
	Subject   string
	Status    string
	Assignee  int // index into agents, -1 for unassigned
	Messages  []demoMessage
	StartedAt time.Time
}

// demoMessage is one message of a demo conversation.
type demoMessage struct {
	AuthorKind string // proofdesk.AuthorCustomer or proofdesk.AuthorAgent
	Body       string
	Internal   bool
}

// demoData is the whole demo data set.
type demoData struct {
	Agents        []demoAgent
	Customers     []*proofdesk.CustomerInput
	Conversations []demoConversation
}

var demoAgents = []demoAgent{
	{Email: "admin@demo.proofdesk.test", Name: "Alex Admin", Role: proofdesk.RoleAdmin},
	{Email: "supervisor@demo.proofdesk.test", Name: "Sam Supervisor", Role: proofdesk.RoleSupervisor},
	{Email: "agent@demo.proofdesk.test", Name: "Avery Agent", Role: proofdesk.RoleAgent},
}

type demoCountry struct {
	code    string
	first   []string
	last    []string
	streets []string
	cities  []demoCity
	domains []string
	address func(r *rand.Rand, street string, city demoCity) proofdesk.Address
	phone   func(r *rand.Rand) string
}

type demoCity struct{ name, region, postal string }

func digits(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(byte('0' + r.Intn(10)))
	}
	return b.String()
}

var demoCountries = []demoCountry{
	{
		code:    "US",
		first:   []string{"James", "Maria", "Robert", "Linda", "Michael", "Jennifer", "David", "Patricia", "Daniel", "Emily", "Kevin", "Grace"},
		last:    []string{"Johnson", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Wilson", "Anderson", "Taylor", "Thomas", "Nguyen", "Patel"},
		streets: []string{"Maple Ave", "Oak Street", "Pine Road", "Cedar Lane", "Elm Street", "Washington Blvd", "Lakeview Drive", "Sunset Blvd"},
		cities: []demoCity{
			{"San Francisco", "CA", "94107"}, {"Austin", "TX", "78701"}, {"Portland", "OR", "97205"},
			{"Chicago", "IL", "60614"}, {"Brooklyn", "NY", "11201"}, {"Denver", "CO", "80202"},
		},
		domains: []string{"example.com", "mail.example.com", "example.net"},
		address: func(r *rand.Rand, street string, c demoCity) proofdesk.Address {
			a := proofdesk.Address{Line1: fmt.Sprintf("%d %s", 100+r.Intn(9800), street), City: c.name, Region: c.region, PostalCode: c.postal, Country: "US"}
			if r.Intn(4) == 0 {
				a.Line2 = fmt.Sprintf("Apt %d%c", 1+r.Intn(20), 'A'+rune(r.Intn(6)))
			}
			return a
		},
		// 555-01XX numbers are reserved for fiction.
		phone: func(r *rand.Rand) string {
			areas := []string{"415", "512", "503", "312", "718", "303"}
			return fmt.Sprintf("+1 (%s) 555-01%s", areas[r.Intn(len(areas))], digits(r, 2))
		},
	},
	{
		code:    "GB",
		first:   []string{"Oliver", "Amelia", "Harry", "Isla", "George", "Ava", "Jack", "Sophie", "Thomas", "Poppy"},
		last:    []string{"Smith", "Jones", "Williams", "Brown", "Evans", "Wright", "Roberts", "Walker", "Hughes", "Clarke"},
		streets: []string{"High Street", "Church Road", "Station Road", "Victoria Road", "Mill Lane", "Kings Road", "Park Avenue"},
		cities: []demoCity{
			{"London", "", "NW1 6XE"}, {"Manchester", "", "M1 1AE"}, {"Bristol", "", "BS1 4DJ"},
			{"Leeds", "West Yorkshire", "LS1 5AB"}, {"Edinburgh", "", "EH1 1YZ"}, {"Cardiff", "", "CF10 1EP"},
		},
		domains: []string{"example.co.uk", "example.org", "mail.example.co.uk"},
		address: func(r *rand.Rand, street string, c demoCity) proofdesk.Address {
			a := proofdesk.Address{Line1: fmt.Sprintf("%d %s", 1+r.Intn(180), street), City: c.name, Region: c.region, PostalCode: c.postal, Country: "GB"}
			if r.Intn(4) == 0 {
				a.Line1 = fmt.Sprintf("Flat %d, %s", 1+r.Intn(30), a.Line1)
			}
			return a
		},
		// 020 7946 0000-0999 is reserved by Ofcom for drama (and, unlike
		// the 07700 900 drama range, valid in libphonenumber's data).
		phone: func(r *rand.Rand) string { return "+44 20 7946 0" + digits(r, 3) },
	},
	{
		code:    "DE",
		first:   []string{"Lukas", "Anna", "Leon", "Mia", "Felix", "Lena", "Jonas", "Laura", "Paul", "Hannah"},
		last:    []string{"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Schäfer"},
		streets: []string{"Hauptstraße", "Schulstraße", "Bahnhofstraße", "Gartenweg", "Lindenallee", "Bergstraße", "Kirchplatz"},
		cities: []demoCity{
			{"Berlin", "", "10115"}, {"München", "Bayern", "80331"}, {"Hamburg", "", "20095"},
			{"Köln", "Nordrhein-Westfalen", "50667"}, {"Leipzig", "Sachsen", "04109"}, {"Freiburg im Breisgau", "Baden-Württemberg", "79098"},
		},
		domains: []string{"example.de", "post.example.de", "example.org"},
		address: func(r *rand.Rand, street string, c demoCity) proofdesk.Address {
			a := proofdesk.Address{Line1: fmt.Sprintf("%s %d", street, 1+r.Intn(120)), City: c.name, Region: c.region, PostalCode: c.postal, Country: "DE"}
			if r.Intn(5) == 0 {
				a.Line2 = fmt.Sprintf("Hinterhaus, %d. OG", 1+r.Intn(5))
			}
			return a
		},
		phone: func(r *rand.Rand) string {
			if r.Intn(2) == 0 {
				return "+49 30 " + digits(r, 8)
			}
			return "+49 151 " + digits(r, 8)
		},
	},
	{
		code:    "FR",
		first:   []string{"Lucas", "Chloé", "Hugo", "Léa", "Louis", "Manon", "Jules", "Camille", "Arthur", "Inès"},
		last:    []string{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau"},
		streets: []string{"rue de la Paix", "avenue Victor Hugo", "rue du Faubourg Saint-Antoine", "boulevard Voltaire", "rue des Lilas", "place de la République"},
		cities: []demoCity{
			{"Paris", "", "75011"}, {"Lyon", "", "69002"}, {"Marseille", "", "13001"},
			{"Bordeaux", "", "33000"}, {"Lille", "", "59000"}, {"Nantes", "", "44000"},
		},
		domains: []string{"example.fr", "courriel.example.fr", "example.net"},
		address: func(r *rand.Rand, street string, c demoCity) proofdesk.Address {
			a := proofdesk.Address{Line1: fmt.Sprintf("%d %s", 1+r.Intn(150), street), City: c.name, PostalCode: c.postal, Country: "FR"}
			if r.Intn(4) == 0 {
				a.Line2 = fmt.Sprintf("Bâtiment %c, escalier %d", 'A'+rune(r.Intn(4)), 1+r.Intn(3))
			}
			return a
		},
		phone: func(r *rand.Rand) string {
			return fmt.Sprintf("+33 6 %s %s %s %s", digits(r, 2), digits(r, 2), digits(r, 2), digits(r, 2))
		},
	},
}

// emailLocal turns a name into an email local part, dropping accents.
func emailLocal(first, last string, style int) string {
	fold := strings.NewReplacer("ü", "ue", "ä", "ae", "ö", "oe", "ß", "ss", "é", "e", "è", "e", "â", "a", "ç", "c")
	f, l := strings.ToLower(fold.Replace(first)), strings.ToLower(fold.Replace(last))
	switch style % 3 {
	case 0:
		return f + "." + l
	case 1:
		return f[:1] + l
	}
	return f + "_" + l
}

var (
	demoBrands = []string{"visa", "mastercard", "amex", "visa", "mastercard"}
	demoTiers  = []string{"basic", "plus", "pro"}
)

// generateDemoData builds the demo data set. The same seed and now give
// the same data.
func generateDemoData(seed int64, now time.Time) *demoData {
	r := rand.New(rand.NewSource(seed))
	d := &demoData{Agents: demoAgents}
	day := 24 * time.Hour
	used := map[string]bool{} // normalised contact points already given out
	unique := func(gen func(n int) string, norm func(string) (string, error)) string {
		for n := 0; ; n++ {
			v := gen(n)
			if k, err := norm(v); err == nil && !used[k] {
				used[k] = true
				return v
			}
		}
	}
	for i := range 50 {
		ctry := demoCountries[i%len(demoCountries)]
		first := ctry.first[r.Intn(len(ctry.first))]
		last := ctry.last[r.Intn(len(ctry.last))]
		city := ctry.cities[r.Intn(len(ctry.cities))]
		street := ctry.streets[r.Intn(len(ctry.streets))]

		// Most contact points are long on file; every seventh customer has
		// one added in the last few days (inside the cooling-off period).
		added := func() *time.Time {
			t := now.Add(-time.Duration(30+r.Intn(1500)) * day).Truncate(day)
			return &t
		}
		recent := func() *time.Time {
			t := now.Add(-time.Duration(1+r.Intn(5))*day - time.Duration(r.Intn(20))*time.Hour).Truncate(time.Hour)
			return &t
		}
		email := func(style int) string {
			return unique(func(n int) string {
				local := emailLocal(first, last, style)
				if n > 0 {
					local += fmt.Sprint(n + r.Intn(90))
				}
				return local + "@" + ctry.domains[r.Intn(len(ctry.domains))]
			}, proofdesk.NormalizeEmail)
		}
		phone := func() string {
			return unique(func(int) string { return ctry.phone(r) }, proofdesk.NormalizePhone)
		}
		in := &proofdesk.CustomerInput{
			ExternalID: fmt.Sprintf("CUST-%05d", 10001+i*37),
			Name:       first + " " + last,
			Emails:     []proofdesk.ContactPointInput{{Value: email(i), AddedAt: added()}},
			Addresses:  []proofdesk.Address{ctry.address(r, street, city)},
		}
		if r.Intn(5) > 0 {
			in.Phones = []proofdesk.ContactPointInput{{Value: phone(), AddedAt: added()}}
		}
		if i%7 == 3 {
			in.Emails = append(in.Emails, proofdesk.ContactPointInput{Value: email(i + 1), AddedAt: recent()})
		}
		if i%11 == 5 {
			in.Phones = append(in.Phones, proofdesk.ContactPointInput{Value: phone(), AddedAt: recent()})
		}
		if r.Intn(3) > 0 {
			dob := time.Date(1950+r.Intn(55), time.Month(1+r.Intn(12)), 1+r.Intn(28), 0, 0, 0, 0, time.UTC)
			in.DateOfBirth = dob.Format(time.DateOnly)
		}
		if r.Intn(4) > 0 {
			in.Payment = &proofdesk.Payment{Brand: demoBrands[r.Intn(len(demoBrands))], Last4: digits(r, 4)}
		}
		in.Attributes = map[string]string{"tier": demoTiers[r.Intn(len(demoTiers))]}
		if r.Intn(3) == 0 {
			in.Attributes["orders"] = fmt.Sprint(1 + r.Intn(40))
		}
		d.Customers = append(d.Customers, in)
	}
	d.Conversations = demoConversations(r, d.Customers, now)
	return d
}

// demoScripts are conversation templates. Their bodies hold nothing
// personal, like the first lines of real support threads.
var demoScripts = []struct {
	subject  string
	messages []demoMessage
}{
	{"Where is my order?", []demoMessage{
		{proofdesk.AuthorCustomer, "Hi, my order was supposed to arrive on Monday and it still hasn't. Can you check?", false},
		{proofdesk.AuthorAgent, "Sorry about the wait! Let me look into it. Could you confirm the order number?", false},
		{proofdesk.AuthorCustomer, "It's order 48213.", false},
	}},
	{"Change of delivery address", []demoMessage{
		{proofdesk.AuthorCustomer, "I moved last week. Please send my next parcel to my new place.", false},
		{proofdesk.AuthorAgent, "Happy to help. For your security I'll send a verification request to the email we have on file first.", false},
		{proofdesk.AuthorAgent, "Address change requested: needs L2 and the cooling-off period.", true},
	}},
	{"Can't log in", []demoMessage{
		{proofdesk.AuthorCustomer, "I forgot my password and the reset email never came.", false},
		{proofdesk.AuthorAgent, "I can send a new reset link to the email address on your account. Shall I?", false},
		{proofdesk.AuthorCustomer, "Yes please.", false},
	}},
	{"Refund for damaged item", []demoMessage{
		{proofdesk.AuthorCustomer, "The mug arrived broken. Photos attached. I'd like a refund.", false},
		{proofdesk.AuthorAgent, "I'm sorry it arrived like that. I've started the refund; you'll see it in 3-5 business days.", false},
	}},
	{"What address do you have for me?", []demoMessage{
		{proofdesk.AuthorCustomer, "Hi, can you read me back the address on my account? I want to check it's right.", false},
		{proofdesk.AuthorAgent, "I can't read account details out before we verify you. I'll send a request to your contact details on file.", false},
		{proofdesk.AuthorAgent, "Caller asked for the address before verification.", true},
	}},
	{"Cancel subscription", []demoMessage{
		{proofdesk.AuthorCustomer, "Please cancel my subscription at the end of this month.", false},
		{proofdesk.AuthorAgent, "Done: your plan ends on the last day of the month and you won't be charged again.", false},
		{proofdesk.AuthorCustomer, "Thanks, that was quick!", false},
	}},
	{"Which card did I pay with?", []demoMessage{
		{proofdesk.AuthorCustomer, "I have two cards and don't remember which one I used for the last order.", false},
		{proofdesk.AuthorAgent, "Payment details need two verified factors. I'll send a code to your phone and a link to your email.", false},
	}},
	{"Invoice copy", []demoMessage{
		{proofdesk.AuthorCustomer, "Could you send me a copy of my March invoice?", false},
		{proofdesk.AuthorAgent, "Sure, I've sent it to the email address on your account.", false},
	}},
}

var demoChannels = []string{proofdesk.ChannelChat, proofdesk.ChannelEmail, proofdesk.ChannelPhone, proofdesk.ChannelAPI}

// demoConversations builds twenty conversations across the channels; most
// are linked to a customer, a few come from requesters nobody knows.
func demoConversations(r *rand.Rand, customers []*proofdesk.CustomerInput, now time.Time) []demoConversation {
	statuses := []string{proofdesk.StatusOpen, proofdesk.StatusOpen, proofdesk.StatusPending, proofdesk.StatusResolved}
	var out []demoConversation
	for i := range 20 {
		script := demoScripts[r.Intn(len(demoScripts))]
		conv := demoConversation{
			Channel:   demoChannels[i%len(demoChannels)],
			Customer:  r.Intn(len(customers)),
			Subject:   script.subject,
			Status:    statuses[r.Intn(len(statuses))],
			Assignee:  r.Intn(len(demoAgents)+1) - 1,
			Messages:  script.messages,
			StartedAt: now.Add(-time.Duration(10+r.Intn(72*60)) * time.Minute),
		}
		c := customers[conv.Customer]
		// The requester's claims: usually the customer's own name and
		// contact, sometimes an unknown caller using a customer's name.
		conv.Requester.Name = c.Name
		switch {
		case i%6 == 5:
			conv.Customer = -1
			conv.Requester.Email = fmt.Sprintf("someone%d@example.net", 100+r.Intn(900))
		case conv.Channel == proofdesk.ChannelPhone && len(c.Phones) > 0:
			conv.Requester.Phone = c.Phones[0].Value
		default:
			conv.Requester.Email = c.Emails[0].Value
		}
		out = append(out, conv)
	}
	return out
}

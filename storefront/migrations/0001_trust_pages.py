"""The shop's information pages as flat pages, so ops edit them in the dashboard (Content → Pages).

English at /about/ …, Hindi at /hi/about/ …; a Hindi reader of /about/ is shown the Hindi page when it
exists (templates/flatpages/default.html). Pages ops already created are left alone.
"""

from django.conf import settings
from django.db import migrations

PAGES = {
    "/about/": (
        "About ODOP Bazaar",
        """<p>ODOP Bazaar sells the crafts of India's districts straight from the people who make them: brass from
Moradabad, silk from Varanasi, black pottery from Azamgarh, attar from Kannauj and many more.</p>
<h2>One District One Product</h2>
<p>Under the One District One Product (ODOP) scheme each district has a craft or produce it is known for.
A product with the <strong>ODOP</strong> badge is its district's designated product.</p>
<h2>GI tags you can trust</h2>
<p>A Geographical Indication (GI) is registered by law. We show the <strong>GI</strong> badge only when our
team has recorded the maker as a registered authorised user of that GI.</p>
<h2>Who sells</h2>
<p>Every seller is an artisan, a family workshop or a cluster our team has verified. Each product names its
maker, district and state, and the maker is paid for every piece delivered.</p>""",
        "ODOP Bazaar के बारे में",
        """<p>ODOP बाज़ार भारत के ज़िलों के शिल्प सीधे उन्हें बनाने वालों से बेचता है: मुरादाबाद का पीतल, वाराणसी का रेशम,
आज़मगढ़ की काली मिट्टी के बर्तन, कन्नौज का इत्र और बहुत कुछ।</p>
<h2>एक ज़िला एक उत्पाद</h2>
<p>एक ज़िला एक उत्पाद (ODOP) योजना में हर ज़िले का एक पहचाना हुआ शिल्प या उत्पाद है। <strong>ODOP</strong> बैज वाला
उत्पाद अपने ज़िले का चुना हुआ उत्पाद है।</p>
<h2>भरोसेमंद GI टैग</h2>
<p>भौगोलिक संकेत (GI) क़ानून से पंजीकृत होता है। हम <strong>GI</strong> बैज तभी दिखाते हैं जब हमारी टीम ने कारीगर को
उस GI का पंजीकृत अधिकृत उपयोगकर्ता दर्ज किया हो।</p>
<h2>कौन बेचता है</h2>
<p>हर विक्रेता एक कारीगर, पारिवारिक कार्यशाला या क्लस्टर है जिसकी हमारी टीम ने जाँच की है। हर उत्पाद पर
उसके कारीगर, ज़िले और राज्य का नाम है।</p>""",
    ),
    "/contact/": (
        "Contact us",
        """<p>We answer in Hindi and English, Monday to Saturday, 10:00–18:00 IST.</p>
<ul>
<li>Email: <a href="mailto:help@odop.example">help@odop.example</a></li>
<li>For an order, write your order number and the pincode it goes to.</li>
</ul>
<p>Artisans who want to sell with us can <a href="/artisans/join/">sign up here</a>.</p>""",
        "संपर्क करें",
        """<p>हम हिन्दी और अंग्रेज़ी में जवाब देते हैं, सोमवार से शनिवार, सुबह 10 से शाम 6 बजे (IST)।</p>
<ul>
<li>ईमेल: <a href="mailto:help@odop.example">help@odop.example</a></li>
<li>किसी ऑर्डर के लिए अपना ऑर्डर नंबर और डिलीवरी का पिनकोड लिखें।</li>
</ul>
<p>जो कारीगर हमारे साथ बेचना चाहते हैं, वे <a href="/artisans/join/">यहाँ पंजीकरण करें</a>।</p>""",
    ),
    "/returns/": (
        "Returns and refunds",
        """<p>Each maker packs and ships their own parcel, so an order with pieces from two makers arrives as two parcels.</p>
<h2>Before it ships</h2>
<p>Write to us with your order number: our team can cancel a parcel until the courier has picked it up.
Anything you paid online for it is refunded.</p>
<h2>After delivery</h2>
<p>If a piece arrives damaged, is not what the page described, or is missing, write to us with your order
number and a photo. Our team records the return for that item and arranges its pickup; once it is back
you are refunded for that item.</p>
<h2>How refunds are paid</h2>
<ul>
<li><strong>Card payments</strong> are refunded to the same card (the whole order or single items); banks
usually show it within 5–7 working days.</li>
<li><strong>Cash on delivery</strong> orders are refunded by bank transfer or UPI to the account you give us.</li>
</ul>
<h2>Parcels that could not be delivered</h2>
<p>If the courier cannot deliver (nobody at the address, a wrong phone number) we try again; if it still
cannot be delivered the parcel goes back to the maker and anything you paid online is refunded.</p>""",
        "वापसी और रिफ़ंड",
        """<p>हर कारीगर अपना पार्सल ख़ुद पैक करके भेजता है, इसलिए दो कारीगरों की चीज़ों वाला ऑर्डर दो पार्सल में आता है।</p>
<h2>भेजे जाने से पहले</h2>
<p>अपना ऑर्डर नंबर लिखकर हमें बताएँ: कूरियर के पार्सल उठाने तक हमारी टीम उसे रद्द कर सकती है। उसके लिए ऑनलाइन
चुकाई गई राशि वापस कर दी जाती है।</p>
<h2>डिलीवरी के बाद</h2>
<p>अगर कोई चीज़ टूटी हुई पहुँचे, विवरण से अलग हो या न पहुँचे, तो ऑर्डर नंबर और फ़ोटो के साथ हमें लिखें। हमारी टीम
उस चीज़ की वापसी दर्ज करके पिकअप करवाती है; लौट आने पर उस चीज़ का पैसा वापस किया जाता है।</p>
<h2>रिफ़ंड कैसे मिलता है</h2>
<ul>
<li><strong>कार्ड से भुगतान</strong> उसी कार्ड पर लौटाया जाता है (पूरा ऑर्डर या अलग चीज़ें); बैंक आम तौर पर 5–7 कार्यदिवस में दिखाते हैं।</li>
<li><strong>कैश ऑन डिलीवरी</strong> ऑर्डर का पैसा आपके बताए बैंक खाते या UPI पर भेजा जाता है।</li>
</ul>
<h2>जो पार्सल डिलीवर नहीं हो सके</h2>
<p>अगर कूरियर डिलीवर नहीं कर पाता (पते पर कोई नहीं, ग़लत फ़ोन नंबर) तो हम फिर कोशिश करते हैं; फिर भी न हो सके तो पार्सल
कारीगर के पास लौट जाता है और ऑनलाइन चुकाई गई राशि वापस कर दी जाती है।</p>""",
    ),
    "/shipping-policy/": (
        "Shipping",
        """<p>Enter your pincode on any product page or in the basket to see whether we deliver there, what it
costs and whether cash on delivery is available.</p>
<h2>What shipping costs</h2>
<p>Each maker ships their own parcel. The charge depends on the distance (same district, same state, metro
to metro, the rest of India, and the North-East, Jammu &amp; Kashmir, Ladakh, Himachal, Kerala, Andaman and
Lakshadweep) and on the parcel's weight or size, in half-kilo steps. The basket and checkout show it per
maker before you pay.</p>
<h2>When it arrives</h2>
<p>The maker accepts your order within two days and hands the parcel to the courier; you get its tracking
number on your order page.</p>
<h2>Cash on delivery</h2>
<p>Offered where the courier collects cash at both ends and the order is within the cash limit; a small
fee is shown before you place the order. Please give a 10-digit mobile number so the courier can call.</p>""",
        "शिपिंग",
        """<p>किसी भी उत्पाद पेज या बास्केट में अपना पिनकोड डालें: दिखेगा कि हम वहाँ पहुँचाते हैं या नहीं, कितना लगेगा और कैश ऑन डिलीवरी मिलेगी या नहीं।</p>
<h2>शिपिंग का ख़र्च</h2>
<p>हर कारीगर अपना पार्सल ख़ुद भेजता है। ख़र्च दूरी (वही ज़िला, वही राज्य, मेट्रो से मेट्रो, बाक़ी भारत, और पूर्वोत्तर,
जम्मू-कश्मीर, लद्दाख, हिमाचल, केरल, अंडमान व लक्षद्वीप) और पार्सल के वज़न या आकार (आधा-आधा किलो) पर निर्भर है।
बास्केट और चेकआउट में भुगतान से पहले हर कारीगर का ख़र्च दिखता है।</p>
<h2>कब पहुँचेगा</h2>
<p>कारीगर दो दिन में ऑर्डर स्वीकार करके पार्सल कूरियर को देता है; ट्रैकिंग नंबर आपके ऑर्डर पेज पर दिखता है।</p>
<h2>कैश ऑन डिलीवरी</h2>
<p>जहाँ कूरियर दोनों ओर नकद लेता है और ऑर्डर नकद सीमा के भीतर है, वहाँ मिलती है; छोटा शुल्क ऑर्डर से पहले दिखता है।
कृपया 10 अंकों का मोबाइल नंबर दें ताकि कूरियर फ़ोन कर सके।</p>""",
    ),
    "/privacy/": (
        "Privacy",
        """<p>We keep only what we need to deliver your order and to follow Indian tax law.</p>
<ul>
<li><strong>What we keep:</strong> your name, delivery address, mobile number and email, and your orders.
Card numbers go to our payment provider (Stripe) and never reach us.</li>
<li><strong>Who sees it:</strong> the maker who ships your parcel and the courier see your name, address and
phone, only to deliver it.</li>
<li><strong>Cookies:</strong> only those the shop needs to work (your basket, your language, signing in). No
advertising or tracking cookies, and no third-party scripts on shop pages.</li>
<li><strong>Your rights:</strong> write to <a href="mailto:help@odop.example">help@odop.example</a> to see,
correct or delete your details; invoices are kept as long as tax law requires.</li>
</ul>""",
        "निजता",
        """<p>हम सिर्फ़ वही रखते हैं जो आपका ऑर्डर पहुँचाने और भारतीय कर क़ानून के पालन के लिए ज़रूरी है।</p>
<ul>
<li><strong>क्या रखते हैं:</strong> आपका नाम, डिलीवरी पता, मोबाइल नंबर, ईमेल और आपके ऑर्डर। कार्ड नंबर हमारे भुगतान
प्रदाता (Stripe) के पास जाते हैं, हम तक कभी नहीं आते।</li>
<li><strong>कौन देखता है:</strong> पार्सल भेजने वाला कारीगर और कूरियर आपका नाम, पता और फ़ोन सिर्फ़ डिलीवरी के लिए देखते हैं।</li>
<li><strong>कुकीज़:</strong> सिर्फ़ वे जो दुकान चलाने के लिए ज़रूरी हैं (बास्केट, भाषा, साइन इन)। कोई विज्ञापन या ट्रैकिंग
कुकी नहीं, और दुकान के पेजों पर किसी बाहरी कंपनी की स्क्रिप्ट नहीं।</li>
<li><strong>आपके अधिकार:</strong> अपनी जानकारी देखने, सुधारने या हटाने के लिए <a href="mailto:help@odop.example">help@odop.example</a>
पर लिखें; बिल उतने समय रखे जाते हैं जितना कर क़ानून कहता है।</li>
</ul>""",
    ),
    "/terms/": (
        "Terms of sale",
        """<ul>
<li>ODOP Bazaar is a marketplace: each product is sold by the artisan named on its page, who issues the
GST invoice for it.</li>
<li>Prices are in Indian rupees and include GST. Shipping and any cash-on-delivery fee are shown before you
place the order.</li>
<li>Handmade pieces vary a little in colour, size and finish; that is not a defect.</li>
<li>Returns and refunds follow our <a href="/returns/">returns and refunds policy</a>.</li>
<li>These terms are governed by the laws of India.</li>
</ul>""",
        "बिक्री की शर्तें",
        """<ul>
<li>ODOP बाज़ार एक मार्केटप्लेस है: हर उत्पाद उसके पेज पर लिखे कारीगर द्वारा बेचा जाता है, जो उसका GST बिल देता है।</li>
<li>क़ीमतें भारतीय रुपये में हैं और उनमें GST शामिल है। शिपिंग और कैश ऑन डिलीवरी शुल्क ऑर्डर से पहले दिखाए जाते हैं।</li>
<li>हाथ से बनी चीज़ों के रंग, आकार और बनावट में थोड़ा अंतर होता है; यह कमी नहीं है।</li>
<li>वापसी और रिफ़ंड हमारी <a href="/returns/">वापसी और रिफ़ंड नीति</a> के अनुसार होते हैं।</li>
<li>ये शर्तें भारत के क़ानूनों के अधीन हैं।</li>
</ul>""",
    ),
}


def create_pages(apps, schema_editor):
    FlatPage = apps.get_model("flatpages", "FlatPage")
    Site = apps.get_model("sites", "Site")
    # On a fresh database the default site is only created after all migrations; make it now.
    site, _ = Site.objects.get_or_create(pk=settings.SITE_ID, defaults={"domain": "example.com", "name": "example.com"})
    for url, (title_en, content_en, title_hi, content_hi) in PAGES.items():
        for page_url, title, content in ((url, title_en, content_en), ("/hi" + url, title_hi, content_hi)):
            page, created = FlatPage.objects.get_or_create(url=page_url, defaults={"title": title, "content": content})
            if created:
                page.sites.add(site)


class Migration(migrations.Migration):
    dependencies = [
        ("flatpages", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]

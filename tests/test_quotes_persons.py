"""Persons (one per person per document) and direct quotes with their speakers."""


def test_quote_with_speaker_after(rules_nlp):
    doc = rules_nlp("Gubernur Kalimantan Barat Arman Sutedja meninjau lokasi. “Kami akan menuntaskan jembatan ini,” ujar Arman Sutedja.")
    (quote,) = doc._.warta_quotes
    assert quote["speaker"] == "Arman Sutedja"
    assert doc.text[quote["start"] : quote["end"]] == "Kami akan menuntaskan jembatan ini,"


def test_nya_verb_takes_speaker_from_context(rules_nlp):
    doc = rules_nlp(
        'Bupati Sleman Dewi Anggraini meninjau pasar. "Harga beras harus stabil sampai Lebaran," ujarnya.'
    )
    (quote,) = doc._.warta_quotes
    assert quote["speaker"] == "Dewi Anggraini"


def test_speaker_before_quote(rules_nlp):
    doc = rules_nlp("Wali Kota Surabaya Hadi Pranoto mengatakan, “Semua sekolah harus aman dari banjir tahun ini.”")
    (quote,) = doc._.warta_quotes
    assert quote["speaker"] == "Hadi Pranoto"


def test_scare_quotes_are_not_quotes(rules_nlp):
    doc = rules_nlp('Praktik "uang pelicin" masih ditemukan di sejumlah daerah.')
    assert doc._.warta_quotes == []


def test_one_person_record_for_full_and_short_name(rules_nlp):
    doc = rules_nlp("Bupati Sleman Dewi Anggraini hadir. Menurut Dewi, pasar akan direnovasi. “Segera,” kata Dewi.")
    persons = [p for p in doc._.warta_persons if "Dewi" in p["name"]]
    assert len(persons) == 1
    assert persons[0]["name"] == "Dewi Anggraini"
    assert persons[0]["official"] is True
    assert len(persons[0]["mentions"]) == 3


def test_person_span_the_model_cut_short_is_read_to_the_comma(rules_nlp):
    from spacy.tokens import Span

    text = "Ketua Serikat Pekerja Industri Nikel Morowali, Rahmat Lamasi, mengingatkan perusahaan."
    doc = rules_nlp.make_doc(text)
    rahmat = text.index("Rahmat")
    doc.ents = [doc.char_span(rahmat, rahmat + len("Rahmat"), label="PER")]  # the model stopped at the first word
    for _, component in rules_nlp.pipeline:
        doc = component(doc)
    assert [p["name"] for p in doc._.warta_persons] == ["Rahmat Lamasi"]
    assert [(e.text, e.label_) for e in doc.ents if e.label_ == "PERSON"] == [("Rahmat Lamasi", "PERSON")]
    # a capitalised run that does not close at punctuation is not taken
    doc = rules_nlp.make_doc("Rahmat Pergi Bersama rombongan.")
    doc.ents = [Span(doc, 0, 1, label="PER")]
    for _, component in rules_nlp.pipeline:
        doc = component(doc)
    assert [p["name"] for p in doc._.warta_persons] == ["Rahmat"]



def test_person_entity_takes_the_speech_verb_name_around_a_shorter_model_span(rules_nlp):
    text = 'Semua sudah siap, " kata Prasetio Edi Marsudi.'
    doc = rules_nlp.make_doc(text)
    edi = text.index("Edi")
    doc.ents = [doc.char_span(edi, edi + len("Edi Marsudi"), label="PER")]  # the model missed the first name
    for _, component in rules_nlp.pipeline:
        doc = component(doc)
    assert [p["name"] for p in doc._.warta_persons] == ["Prasetio Edi Marsudi"]
    assert [(e.text, e.label_) for e in doc.ents] == [("Prasetio Edi Marsudi", "PERSON")]

def test_person_glued_to_a_club_name_by_the_model_is_split_off(rules_nlp):
    text = "Pelatih Persija Thomas Dörner menilai hasil itu cukup baik. Sementara Partai Keadilan Sejahtera menolak."
    doc = rules_nlp.make_doc(text)
    spans = []
    for glued in ("Persija Thomas Dörner", "Partai Keadilan Sejahtera"):
        start = text.index(glued)
        spans.append(doc.char_span(start, start + len(glued), label="ORG"))  # as the model tags them
    doc.ents = spans
    for _, component in rules_nlp.pipeline:
        doc = component(doc)
    assert [p["name"] for p in doc._.warta_persons] == ["Thomas Dörner"]
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Persija", "ORGANIZATION"), ("Thomas Dörner", "PERSON"), ("Partai Keadilan Sejahtera", "ORGANIZATION"),
    ]


def test_a_body_after_a_speech_verb_is_no_speaker(rules_nlp):
    doc = rules_nlp("Wali Kota Kupang, Yeskiel Manafe, mengatakan Perusahaan Umum Daerah (Perumda) Air Minum Kota Kupang menambah pasokan.")
    assert [p["name"] for p in doc._.warta_persons] == ["Yeskiel Manafe"]
    assert [o["name"] for o in doc._.warta_organizations] == ["Perumda Air Minum Kota Kupang"]


def test_two_word_honorific_joins_the_official(rules_nlp):
    from spacy.tokens import Span

    doc = rules_nlp.make_doc("Gubernur DIY Sri Sultan Hamengku Buwono X meminta lurah menata tanah kas desa.")
    doc.ents = [Span(doc, 2, 7, label="PER")]  # the model's person holds the honorific
    for _, component in rules_nlp.pipeline:
        doc = component(doc)
    assert [(p["name"], p["official"]) for p in doc._.warta_persons] == [("Hamengku Buwono X", True)]


def test_quotation_over_several_paragraphs_keeps_its_speaker(rules_nlp):
    text = ("Kepala BPBD Jabar Dani Ramdan menjelaskan kondisi terakhir.\n\n"
            "“Data ini masih sementara dan akan terus berubah.\n\n"
            "“Kami akan memperbaruinya besok,” tutur Dani.\n\n"
            "Ia tidak tahu soal \"dana siluman\" itu.")
    doc = rules_nlp(text)
    quotes = [(q["speaker"], text[q["start"]:q["end"]]) for q in doc._.warta_quotes]
    assert quotes == [("Dani Ramdan", "Data ini masih sementara dan akan terus berubah."),
                      ("Dani Ramdan", "Kami akan memperbaruinya besok,")]


def test_speakers_behind_descriptions_ranks_and_roles(rules_nlp):
    text = ("Anggota DPRD Maluku, Johanis Leiwakabessy, meminta Gubernur Maluku Hendrik Lewerissa bertindak. "
            "\"Pemprov jangan hanya menunggu laporan,\" tutur politikus PDI-P itu. "
            "\"Fee itu sepuluh persen dari nilai proyek,\" kata Wakil Ketua KPK Dr. Rudi Hartono Simanjuntak di Jakarta. "
            "\"Terdakwa terbukti bersalah,\" ucap jaksa Wahyu Dwi Nugroho.")
    doc = rules_nlp(text)
    assert [q["speaker"] for q in doc._.warta_quotes] == ["Johanis Leiwakabessy", "Rudi Hartono Simanjuntak", "Wahyu Dwi Nugroho"]


def test_places_named_after_people_are_no_persons(rules_nlp):
    from spacy.tokens import Span

    doc = rules_nlp.make_doc("Laga digelar di Stadion Haji Agus Salim. Warga Jalan Sudirman mengungsi.")
    doc.ents = [Span(doc, 5, 7, label="PER"), Span(doc, 10, 11, label="PER")]
    for _, component in rules_nlp.pipeline:
        doc = component(doc)
    assert doc._.warta_persons == []


def test_escaped_and_single_quotes(rules_nlp):
    text = ("Wakil Bupati Manggarai Barat Yulianus Weng meninjau RSUD. &quot;Pelayanan kesehatan itu hak dasar warga,&quot; tegas Weng. "
            "'Kami tidak mau menunggu lagi,' ujar Weng. Warga datang Jum'at lalu ke rumah Ma'ruf dan pulang.")
    doc = rules_nlp(text)
    assert [(q["speaker"], text[q["start"]:q["end"]]) for q in doc._.warta_quotes] == [
        ("Yulianus Weng", "Pelayanan kesehatan itu hak dasar warga,"), ("Yulianus Weng", "Kami tidak mau menunggu lagi,")]


def test_scraped_page_furniture_yields_nobody(rules_extractor):
    text = ("Penulis: Rahmat Laode | Editor: Sitti Marwah\n\n"
            "KENDARI, Warta — Bupati Konawe Selatan Irham Kalenggo meminta kepala desa tertib.\n\n"
            "Baca juga: Gubernur Kalteng Agustiar Sabran Minta Bupati Percepat Serapan Anggaran\n\n"
            "Foto: Bupati Konsel saat rapat. (WartaSultra/Rahmat Laode)\n\n"
            "Tag: dana desa, Sinjai")
    record = rules_extractor.extract(text)
    assert [o.name for o in record.officials] == ["Irham Kalenggo"]
    assert [p.name for p in record.persons] == ["Irham Kalenggo"]
    assert [r.code for r in record.regions] == ["74.71", "74.05"]
    assert [p.code for p in record.provinces] == []


def test_an_all_lowercase_text_keeps_the_models_persons_and_long_region_names(rules_nlp):
    from spacy.tokens import Span

    text = ("jakarta, warta - kepala lembaga itu dwi santoso rahardjo meminta pemerintah daerah di kota samarinda "
            "dan kalimantan timur memperbaiki pengadaan barang dan jasa. tersangka berinisial ar sudah ditahan. "
            "\"kami tidak mau ada lagi kepala daerah yang bermain proyek,\" kata dwi.")
    doc = rules_nlp.make_doc(text)
    doc.ents = [Span(doc, 7, 10, label="PER"), Span(doc, 45, 46, label="PER")]  # the model reads lowercase names
    for _, component in rules_nlp.pipeline:
        doc = component(doc)
    assert [p["name"] for p in doc._.warta_persons] == ["dwi santoso rahardjo"]
    assert [q["speaker"] for q in doc._.warta_quotes] == ["dwi santoso rahardjo"]
    assert [s.kb_id_ for s in doc.spans["warta_regions"]] == ["64.72", "64"]


def test_a_one_word_model_person_runs_on_to_the_surname(rules_nlp):
    from spacy.tokens import Span

    doc = rules_nlp.make_doc("Terdakwa Yohanes Tambun yang mengenakan kemeja putih tampak tenang.")
    doc.ents = [Span(doc, 1, 2, label="PER")]
    for _, component in rules_nlp.pipeline:
        doc = component(doc)
    assert [p["name"] for p in doc._.warta_persons] == ["Yohanes Tambun"]


def test_an_abbreviated_honorific_opens_a_name_but_not_a_facility(rules_nlp):
    doc = rules_nlp("Ketua Tim Penggerak PKK Kabupaten TTS, Ny. Dorkas Liunokas, meninjau posyandu. "
                    "Pasien dirujuk ke RSUD dr. Soetomo di Surabaya lewat Jalan H. Agus Salim.")
    assert [p["name"] for p in doc._.warta_persons] == ["Dorkas Liunokas"]


def test_breadcrumbs_share_buttons_captions_and_link_lists_yield_nobody(rules_extractor):
    text = ("Beranda > Daerah > Papua\n\n"
            "Pj. Wali Kota Sorong Minta OPD Tuntaskan Serapan Anggaran\n\n"
            "Oleh: Fransiska Kambu | Editor: Agus Rumbiak\n\n"
            "Bagikan: Facebook Twitter WhatsApp Telegram Salin Tautan\n\n"
            "Wali Kota Sorong, Yakobus Mambrasar saat memimpin apel. (Foto: Fransiska Kambu/Warta Papua)\n\n"
            "SORONG, Warta – Penjabat Wali Kota Sorong Yakobus Mambrasar meminta OPD mempercepat serapan anggaran.\n\n"
            "Bagikan artikel ini:\nFacebook | Twitter | WhatsApp | LINE\n\n"
            "Baca Juga:\n- Bupati Manokwari Hermus Indou Resmikan Pasar Sanggeng\n- KPU Kota Sorong Tetapkan DPT")
    record = rules_extractor.extract(text)
    assert [(o.name, o.jurisdiction.code) for o in record.officials] == [("Yakobus Mambrasar", "96.71")]
    assert [p.name for p in record.persons] == ["Yakobus Mambrasar"]
    assert [r.code for r in record.regions] == ["96.71"]


def test_a_name_between_commas_after_a_persons_role_is_a_speaker(rules_nlp):
    text = ('Salah seorang warga Desa Bumi Harapan, Sibukdin, mengaku lega. "Kami sudah turun-temurun di sini," katanya. '
            "Warga Desa Sukamaju, Kecamatan Tanjungraya, menolak. Ia menginap di hotel di pusat kota, Milan, Italia.")
    doc = rules_nlp(text)
    assert [p["name"] for p in doc._.warta_persons] == ["Sibukdin"]
    assert doc._.warta_quotes[0]["speaker"] == "Sibukdin"


def test_split_pairs_keeps_single_names_whole():
    from warta.persons import split_pairs

    assert split_pairs(["Andi", "Rahman", "-", "Sitti", "Aminah"], 0, 5) == [(0, 2), (3, 5)]
    assert split_pairs(["Andi", "Rahman"], 0, 2) == [(0, 2)]
    assert split_pairs(["Song", "Hye", "-", "kyo"], 0, 4) == [(0, 4)]


def _with_model_persons(rules_nlp, text, spans):
    from spacy.tokens import Span

    doc = rules_nlp.make_doc(text)
    doc.ents = [Span(doc, s, e, label="PER") for s, e in spans]
    for _, component in rules_nlp.pipeline:
        doc = component(doc)
    return [p["name"] for p in doc._.warta_persons]


def test_a_model_person_that_started_late_takes_the_first_name(rules_nlp):
    # "… tendangan [Matheus] Henrique …": the model's span began one word late
    assert _with_model_persons(rules_nlp, "Gol lahir dari tendangan keras Hendrik Sitanggang Purba di menit 12.", [(6, 8)]) == ["Hendrik Sitanggang Purba"]
    # a role word or a unit name before the span is not a first name
    assert _with_model_persons(rules_nlp, "Terdakwa Yohanes Tambun tampak tenang.", [(1, 3)]) == ["Yohanes Tambun"]
    assert _with_model_persons(rules_nlp, "Hadir Kabid Cipta Karya Wulan Sari di lokasi.", [(4, 6)]) == ["Wulan Sari"]


def test_a_reporter_credit_closing_a_paragraph_is_no_person(rules_nlp):
    names = _with_model_persons(rules_nlp, "Semua pihak akan diperiksa,” kata Nurhadi. (Rusdi)\nSidang berlanjut pekan depan.", [(7, 8), (10, 11)])
    assert names == ["Nurhadi"]


def test_a_name_the_text_uses_as_a_place_is_no_person_elsewhere(rules_nlp):
    text = ("Banjir melanda Kabupaten Aceh Besar. Air masuk ke beberapa gampong, seperti Lamgeumok dan Lampoh Keude.\n"
            "Warga Lampoh Keude mengungsi ke masjid.")
    names = _with_model_persons(rules_nlp, text, [(20, 22)])
    assert names == []

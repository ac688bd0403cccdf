"""Officials: title + name patterns, jurisdiction, institution, apposition and lists."""


def officials(nlp, text):
    return {o["name"]: o for o in nlp(text)._.warta_officials}


def test_governor_with_province(rules_nlp):
    found = officials(rules_nlp, "Gubernur Kalimantan Barat Arman Sutedja meresmikan jembatan itu.")
    assert found["Arman Sutedja"]["title"] == "Gubernur"
    assert found["Arman Sutedja"]["jurisdiction"] == "61"


def test_head_of_regional_agency_between_commas(rules_nlp):
    found = officials(rules_nlp, "Kepala Dinas Kesehatan Kabupaten Banyumas, Rina Widyastuti, mengatakan stok vaksin cukup.")
    rina = found["Rina Widyastuti"]
    assert rina["jurisdiction"] == "33.02"
    assert rina["title"].startswith("Kepala Dinas Kesehatan")
    assert rina["institution"] is not None


def test_apposition_name_then_title(rules_nlp):
    found = officials(rules_nlp, "Hal itu disampaikan Arman Sutedja, Gubernur Kalbar, di Pontianak.")
    assert found["Arman Sutedja"]["jurisdiction"] == "61"


def test_list_of_officials(rules_nlp):
    found = officials(
        rules_nlp,
        "Rapat dihadiri Bupati Bantul Agus Salim, Bupati Kulon Progo Budi Hartono, dan Wali Kota Yogyakarta Citra Dewi.",
    )
    assert found["Agus Salim"]["jurisdiction"] == "34.02"
    assert found["Budi Hartono"]["jurisdiction"] == "34.01"
    assert found["Citra Dewi"]["jurisdiction"] == "34.71"


def test_ranks_and_honorifics_are_not_part_of_the_name(rules_nlp):
    found = officials(rules_nlp, "Kapolda Sulsel Irjen Pol. Andi Baso Tenri memimpin apel. Kepala BPKP Dr. Ir. H. Joko Santoso hadir.")
    assert "Andi Baso Tenri" in found
    assert found["Andi Baso Tenri"]["jurisdiction"] == "73"
    assert "Joko Santoso" in found


def test_governor_of_bank_indonesia_governs_no_province(rules_nlp):
    found = officials(rules_nlp, "Gubernur Bank Indonesia Surya Pranata menahan suku bunga.")
    surya = found["Surya Pranata"]
    assert surya["jurisdiction"] is None
    assert surya["institution"]["id"] == "bank-indonesia" or "Bank Indonesia" in surya["institution"]["name"]


def test_generic_titles_need_a_public_institution(rules_nlp):
    text = "Direktur Utama PT Maju Jaya Hendra Wijaya dan pelatih Persib Bandung Bojan Novak hadir."
    assert officials(rules_nlp, text) == {}


def test_short_reference_is_a_mention_of_the_official(rules_nlp):
    doc = rules_nlp("Kepala Dinas Kesehatan Kabupaten Banyumas, Rina Widyastuti, meninjau puskesmas. “Stok cukup,” kata Rina.")
    (rina,) = [o for o in doc._.warta_officials if o["name"] == "Rina Widyastuti"]
    assert len(rina["mentions"]) == 2
    start, end = rina["mentions"][1]
    assert doc.text[start:end] == "Rina"


def test_title_case_headline_words_are_not_names(rules_nlp):
    text = "Kepala Daerah Sepakati Pengolahan Sampah Bersama\n\nYOGYAKARTA, Warta — Bupati Sleman Dewi Anggraini hadir."
    found = officials(rules_nlp, text)
    assert list(found) == ["Dewi Anggraini"]


def _with_model_ents(nlp, text, ents):
    """Run the rule components on ``text`` as if the statistical NER had found ``ents`` (text, label)."""
    from spacy.tokens import Span

    doc = nlp.make_doc(text)
    spans = []
    for ent_text, label in ents:
        start = text.index(ent_text)
        spans.append(doc.char_span(start, start + len(ent_text), label=label))
    doc.ents = [s for s in spans if s is not None]
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def test_foreign_office_skips_the_place_the_model_found(rules_nlp):
    doc = _with_model_ents(rules_nlp, "Presiden Amerika Serikat Joe Biden tiba di Bali.", [("Amerika Serikat", "LOC"), ("Joe Biden", "PER")])
    [biden] = doc._.warta_officials
    assert biden["name"] == "Joe Biden"
    assert biden["institution"] is None  # not the Indonesian presidency of the catalog
    doc = _with_model_ents(rules_nlp, "Perdana Menteri Malaysia Anwar Ibrahim tiba di Jakarta.", [("Malaysia", "LOC")])
    assert [o["name"] for o in doc._.warta_officials] == ["Anwar Ibrahim"]
    doc = _with_model_ents(rules_nlp, "Kata Menteri Pertahanan Amerika Serikat, Robert Gates, kepada wartawan.", [("Amerika Serikat", "LOC")])
    assert [o["name"] for o in doc._.warta_officials] == ["Robert Gates"]


def test_place_tag_on_a_name_after_a_comma_does_not_hide_it(rules_nlp):
    # the model sometimes tags the name after "Kejari Medan," as a place: the name is kept
    doc = _with_model_ents(rules_nlp, "Kepala Kejari Medan, Bonar Simatupang, menambahkan keterangan.", [("Bonar Simatupang", "LOC")])
    assert [o["name"] for o in doc._.warta_officials] == ["Bonar Simatupang"]


def test_regulations_and_unit_numbers_are_not_officials(rules_nlp):
    assert officials(rules_nlp, "Aturan itu tertuang dalam Peraturan Menteri Perhubungan Nomor PM 38 Tahun 2016.") == {}
    assert officials(rules_nlp, "Hal itu diatur Keputusan Gubernur Jawa Timur Nomor 188 Tahun 2024.") == {}
    assert officials(rules_nlp, "Kepala Staf Kodam V Jaya hadir dalam upacara.") == {}
    assert officials(rules_nlp, "Kantor itu berada di Jalan Gubernur Suryo, Surabaya.") == {}


def test_balinese_names_start_with_i(rules_nlp):
    found = officials(rules_nlp, "Gubernur Bali I Wayan Koster meninjau pantai. Bupati Badung I Nyoman Giri Prasta ikut hadir.")
    assert found["I Wayan Koster"]["jurisdiction"] == "51"
    assert found["I Nyoman Giri Prasta"]["jurisdiction"] == "51.03"


def test_model_organization_after_a_speech_verb_is_no_person(rules_nlp):
    doc = _with_model_ents(rules_nlp, "Menurut Samsung, ponsel itu laris di Indonesia.", [("Samsung", "ORG")])
    assert doc._.warta_persons == []
    assert [o["name"] for o in doc._.warta_organizations] == ["Samsung"]


def test_countries_qualify_foreign_offices_without_the_model(rules_nlp):
    found = officials(rules_nlp, "Presiden Prancis Emmanuel Macron bertemu Presiden Prabowo Subianto di Jakarta.")
    assert found["Emmanuel Macron"]["institution"] is None
    assert found["Prabowo Subianto"]["institution"]["id"] == "presiden"
    found = officials(rules_nlp, "Duta Besar Indonesia untuk Jepang Heri Akhmadi hadir. Kata Menteri Luar Negeri Amerika Serikat, Robert Gates.")
    assert set(found) == {"Heri Akhmadi", "Robert Gates"}
    found = officials(rules_nlp, "Presiden Indonesia Prabowo Subianto tiba.")
    assert found["Prabowo Subianto"]["institution"]["id"] == "presiden"


def test_party_name_after_an_office_is_no_official_name(rules_nlp):
    from spacy.tokens import Span

    doc = rules_nlp.make_doc("Ketua Badan Pemenangan Pemilu PPP Fernita Darwis mengatakan , PPP berharap pencalonan itu lancar .")
    # the model's view: the party body and the party are organizations, the name a person
    doc.ents = [Span(doc, 1, 4, label="ORG"), Span(doc, 4, 5, label="ORG"), Span(doc, 5, 7, label="PER"), Span(doc, 9, 10, label="ORG")]
    for _, component in rules_nlp.pipeline:
        doc = component(doc)
    assert all(not o["name"].startswith("PPP") for o in doc._.warta_officials)
    assert all(not p["name"].startswith("PPP") for p in doc._.warta_persons)
    assert "PPP" not in [e.text for e in doc.ents if e.label_ == "PERSON"]


def test_camat_with_a_kecamatan_before_the_name(rules_nlp):
    # a one-word kecamatan needs its kabupaten/kota in the text
    found = officials(rules_nlp, "Di Surabaya, Camat Bulak Suprayitno meninjau saluran air.")
    assert found["Suprayitno"]["jurisdiction"] == "35.78"
    assert found["Suprayitno"]["kecamatan"] == "35.78.29"
    # a longer name is read without that context
    found = officials(rules_nlp, "Camat Pulau Banyak Barat Hendra Wijaya meninjau lokasi banjir.")
    assert found["Hendra Wijaya"]["kecamatan"] == "11.10.16"
    # a kecamatan named like a kabupaten, decided by the other kabupaten in the text
    found = officials(rules_nlp, "Camat Karanganyar, Joko Susilo, hadir dalam acara di Kabupaten Demak.")
    assert (found["Joko Susilo"]["jurisdiction"], found["Joko Susilo"]["kecamatan"]) == ("33.21", "33.21.09")
    doc = rules_nlp("Camat Karanganyar, Joko Susilo, hadir dalam acara di Kabupaten Demak.")
    assert [s.kb_id_ for s in doc.spans["warta_regions"]] == ["33.21"]  # not Kabupaten Karanganyar


def test_kecamatan_level_body_is_named_after_its_kecamatan(rules_nlp):
    found = officials(rules_nlp, "Kapolsek Kuta Utara Kompol Made Sukadana mengatakan hal itu di Badung.")
    made = found["Made Sukadana"]
    assert made["kecamatan"] == "51.03.06"
    assert made["institution"]["name"] == "Kepolisian Sektor Kuta Utara"


def test_village_head_is_coded_to_the_desa(rules_nlp):
    text = "Di Kabupaten Gowa, mantan Kepala Desa Bontolempangang, Haris Daeng Sila, dituntut empat tahun. Lurah Sungguminasa Andi Baso hadir."
    found = officials(rules_nlp, text)
    haris = found["Haris Daeng Sila"]
    assert (haris["jurisdiction"], haris["kecamatan"], haris["desa"]) == ("73.06", "73.06.15", "73.06.15.2002")
    assert found["Andi Baso"]["desa"] == "73.06.08.1001"  # a kelurahan
    # an unlisted place before the comma is not the name
    found = officials(rules_nlp, "Kepala Desa Sukamakmurjaya, Budi Santoso, membantah tuduhan itu.")
    assert found["Budi Santoso"]["desa"] is None


def test_shortened_given_names_stay_in_the_name(rules_nlp):
    found = officials(rules_nlp, "Camat Tamalanrea Muh. Rusdi dan Kadis PUPR Gowa Abd. Rauf Malaganni hadir di Makassar.")
    assert "Muh. Rusdi" in found
    rauf = found["Abd. Rauf Malaganni"]
    assert rauf["jurisdiction"] == "73.06"
    assert rauf["institution"]["id"] == "dinas-pupr:73.06"


def test_offices_of_every_level_cue_weak_region_aliases(rules_nlp):
    found = officials(rules_nlp, "Ia didampingi Kapolres PPU AKBP Supriyanto.")
    assert found["Supriyanto"]["jurisdiction"] == "64.09"
    assert found["Supriyanto"]["institution"]["id"] == "polres:64.09"


def test_unit_numbers_and_short_forms_between_office_and_name(rules_nlp):
    text = ("Sekretaris Daerah (Sekda) Provinsi Riau SF Hariyanto memimpin rapat. Hadir pula Danrem "
            "031/Wirabima Brigjen TNI Sugiyono dan Dandim 0418/Palembang Letkol Inf Andi Saputra.")
    found = officials(rules_nlp, text)
    assert found["SF Hariyanto"]["jurisdiction"] == "14"
    assert found["Sugiyono"]["title"] == "Danrem 031/Wirabima"
    assert found["Andi Saputra"]["title"] == "Dandim 0418/Palembang"


def test_national_office_takes_no_region_from_the_name(rules_nlp):
    found = officials(rules_nlp, "Wakil Menteri Dalam Negeri Bima Arya Sugiarto hadir. Wali Kota Bima Muhammad Lutfi juga.")
    assert found["Bima Arya Sugiarto"]["jurisdiction"] is None
    assert found["Muhammad Lutfi"]["jurisdiction"] == "52.72"


def test_polda_metro_jaya_is_the_jakarta_police(rules_nlp):
    found = officials(rules_nlp, "Kapolda Metro Jaya Irjen Pol Karyoto memastikan pengamanan.")
    assert found["Karyoto"]["institution"]["id"] == "polda-metro-jaya"


def test_village_office_with_level_word_and_place_chain(rules_nlp):
    found = officials(rules_nlp, "Keuchik Gampong Lampulo, Kecamatan Kuta Alam, Banda Aceh, Teuku Bahrul Walidin, mengaku laporan sudah rampung.")
    bahrul = found["Teuku Bahrul Walidin"]
    assert (bahrul["jurisdiction"], bahrul["kecamatan"]) == ("11.71", "11.71.02")
    assert bahrul["desa"].startswith("11.71.02.")
    found = officials(rules_nlp, "Di Bali, Perbekel Desa Tibubeneng Made Kamajaya mengatakan desa adat ikut mengawasi.")
    assert found["Made Kamajaya"]["desa"].startswith("51.03.")


def test_papuan_district_head_is_a_kecamatan_office(rules_nlp):
    found = officials(rules_nlp, "Di Papua Tengah, Kepala Distrik Mimika Baru Yosias Kogoya melaporkan kendala jaringan.")
    assert found["Yosias Kogoya"]["kecamatan"] == "94.04.01"


def test_qualifier_between_office_and_name(rules_nlp):
    found = officials(rules_nlp, "KPK menahan Bupati Muara Enim nonaktif, Juarsah, terkait suap. Wali Kota Medan saat itu Dzulmi Eldin juga diperiksa.")
    assert found["Juarsah"]["jurisdiction"] == "16.03"
    assert found["Dzulmi Eldin"]["jurisdiction"] == "12.71"


def test_affiliations_with_brackets_and_origin_before_the_name(rules_nlp):
    found = officials(rules_nlp, "Anggota DPRD Sultra dari Fraksi Partai Amanat Nasional (PAN), La Ode Safiun, mendesak kejaksaan.")
    assert found["La Ode Safiun"]["institution"]["id"] == "dprd:74"
    found = officials(rules_nlp, "Anggota DPD RI asal Nusa Tenggara Barat, Lalu Muhammad Fikri, menilai proyek itu mangkrak.")
    assert found["Lalu Muhammad Fikri"]["institution"]["id"] == "dpd"


def test_former_office_is_marked(rules_extractor):
    record = rules_extractor.extract("Mantan Wali Kota Salatiga Bambang Setyo Utomo diperiksa. Wali Kota Salatiga Ratna Kusuma hadir.")
    assert {o.name: o.former for o in record.officials} == {"Bambang Setyo Utomo": True, "Ratna Kusuma": False}


def test_desa_decided_by_the_kecamatan_after_it(rules_nlp):
    found = officials(rules_nlp, "Di Kutai Kartanegara, Kepala Desa Bukit Raya di Tenggarong Seberang, Suparman, mengeluhkan operator.")
    assert found["Suparman"]["desa"] == "64.02.16.2002"  # another Bukit Raya lies in 64.02.13


def test_numbered_units_name_their_territory(rules_nlp):
    found = officials(rules_nlp, "Hadir Komandan Korem (Danrem) 151/Binaiya Kolonel Inf Hendra Wicaksono dan Dandim 1504/Ambon Letkol Inf Benny Matulessy.")
    assert found["Hendra Wicaksono"]["title"] == "Komandan Korem 151/Binaiya"
    assert (found["Benny Matulessy"]["jurisdiction"], found["Benny Matulessy"]["institution"]["id"]) == ("81.71", "kodim:81.71")


def test_a_polres_serves_the_kabupaten_of_a_shared_name(rules_nlp):
    found = officials(rules_nlp, "Kapolres Sorong AKBP Petrus Yoku memimpin apel.")
    assert found["Petrus Yoku"]["jurisdiction"] == "96.01"


def test_unit_name_before_a_ranked_or_titled_name(rules_nlp):
    found = officials(rules_nlp, "Direktur RSUD Komodo, dr. Maria Fatima Djung, Sp.A., mengakui kekurangan dokter.")
    assert list(found) == ["Maria Fatima Djung"]
    found = officials(rules_nlp, "Ketua KPU Kabupaten Halmahera Selatan, Darmin Hi. Hasim, mengatakan siap.")
    assert list(found) == ["Darmin Hi. Hasim"]


def test_a_building_named_after_an_office_holds_no_official(rules_nlp):
    assert officials(rules_nlp, "Bupati meninjau posko di Kantor Camat Sebuku dan Rumah Dinas Bupati Nunukan.") == {}


def test_a_one_word_title_closing_a_name_is_part_of_it(rules_nlp):
    found = officials(rules_nlp, "Wakil Wali Kota Bekasi Fikri Ramadhan Hakim memerintahkan evaluasi menyeluruh.")
    assert list(found) == ["Fikri Ramadhan Hakim"]


def test_village_offices_after_qualifiers_and_initials(rules_nlp):
    text = ("Polisi menangkap mantan Kepala Desa Durian Rambun, Kecamatan Muara Siau, berinisial SH (49), di Merangin. "
            "Kepala Desa Durian Rambun saat ini, Jamaluddin, mengaku lega. Danrem Jamaluddin tidak hadir.")
    found = officials(rules_nlp, text)
    assert "SH" not in found  # initials name no one across documents (the news-dev convention)
    assert found["Jamaluddin"]["desa"] == "15.02.03.2004"
    assert "Durian Rambun" not in found


def test_a_one_word_reference_joins_the_full_name(rules_nlp):
    found = officials(rules_nlp, "Hadir Komandan Korem (Danrem) 151/Binaiya Kolonel Inf Hendra Wicaksono. Danrem Hendra menyebut situasi aman.")
    assert list(found) == ["Hendra Wicaksono"] and len(found["Hendra Wicaksono"]["mentions"]) == 2


def test_a_lettered_commission_belongs_to_the_one_dprd_of_the_text(rules_nlp):
    text = ("DPRD DKI Jakarta menggelar rapat. Wakil Ketua Komisi A Rasyid Hamdani Lubis mempertanyakan relokasi. "
            "Ketua Komisi III DPR Habiburokhman hadir.")
    found = officials(rules_nlp, text)
    assert found["Rasyid Hamdani Lubis"]["institution"]["id"] == "dprd:31"
    assert found["Habiburokhman"]["institution"]["id"] == "dpr"


def test_names_after_a_region_units_and_dateline_agencies(rules_extractor):
    from spacy.tokens import Span

    nlp = rules_extractor.nlp
    text = ("PALEMBANG, Sumsel Ekspres – Bupati Sintang Yohanes Ding Lawing: kami siap. "
            "Anggota KPU Lampung Tengah Divisi Teknis, Rudi Antoni, menjelaskan. Kepala Bappeda Litbang Balikpapan, Nurul Aini, hadir.")
    doc = nlp.make_doc(text)
    # the model's errors: the agency as a person, a first name as a place
    doc.ents = [Span(doc, 2, 4, label="PER"), Span(doc, 7, 8, label="LOC")]
    for _, component in nlp.pipeline:
        doc = component(doc)
    found = {o["name"]: (o["title"], o["jurisdiction"]) for o in doc._.warta_officials}
    assert found == {"Yohanes Ding Lawing": ("Bupati", "61.05"), "Rudi Antoni": ("Anggota KPU", "18.02"),
                     "Nurul Aini": ("Kepala Bappeda Litbang", "64.71")}
    assert "Sumsel Ekspres" not in [p["name"] for p in doc._.warta_persons]


def test_lowercase_roles_before_a_name_are_offices(rules_nlp):
    # court reports write roles in lowercase; a judge belongs to the one court of the text
    text = ("Majelis hakim Pengadilan Tipikor Makassar menjatuhkan vonis. Sidang dipimpin hakim ketua Andi Suryadi Lubis "
            "dengan hakim anggota Maria Tobing dan Hendra Kusuma. Sebelumnya, wakil bupati Gowa Abdul Rauf hadir.")
    doc = _with_model_ents(rules_nlp, text, [("Maria Tobing", "PER"), ("Hendra Kusuma", "PER")])
    found = {o["name"]: o for o in doc._.warta_officials}
    assert {n: found[n]["institution"]["id"] for n in ("Andi Suryadi Lubis", "Maria Tobing", "Hendra Kusuma")} == dict.fromkeys(
        ("Andi Suryadi Lubis", "Maria Tobing", "Hendra Kusuma"), "pengadilan-tipikor:73.71")
    assert found["Hendra Kusuma"]["title"] == "hakim anggota"
    assert (found["Abdul Rauf"]["title"], found["Abdul Rauf"]["jurisdiction"]) == ("wakil bupati", "73.06")
    # two courts: a bare judge belongs to neither; a lawyer is no office
    text = ("Pengadilan Negeri Gowa dan Pengadilan Tinggi Sulsel menerima berkas. Hakim Budi Santoso menunda sidang. "
            "Kuasa hukum terdakwa, Yusuf Mansyur, keberatan.")
    assert officials(rules_nlp, text) == {}


def test_a_title_written_in_sentence_case_opens_an_office(rules_nlp):
    found = officials(rules_nlp, "Jaksa penuntut umum (JPU) Kejari Gowa, Ridwan Saputra, menyatakan pikir-pikir.")
    assert found["Ridwan Saputra"]["institution"]["id"] == "kejari:73.06"


def test_a_numbered_commission_belongs_to_the_one_parliament_of_the_text(rules_nlp):
    text = ("DPRD Konawe Selatan menggelar paripurna. Ketua Komisi I Muh. Yusran Halim mengatakan anggaran cukup. "
            "Ketua Komisi A Joko Santoso meminta evaluasi.")
    found = officials(rules_nlp, text)
    assert {n: (o["title"], o["institution"]["id"]) for n, o in found.items()} == {
        "Muh. Yusran Halim": ("Ketua Komisi I", "dprd:74.05"), "Joko Santoso": ("Ketua Komisi A", "dprd:74.05")}
    # the DPR and a DPRD in one text: a numbered commission could be either's
    assert officials(rules_nlp, "DPRD Jatim dan DPR membahas. Ketua Komisi II Budi Santoso hadir.") == {}


def test_offices_in_an_all_lowercase_text(rules_nlp):
    text = ("bupati gresik fandi akhmad yani meninjau lokasi banjir di kecamatan cerme pada senin pagi. ia didampingi "
            "camat cerme suyono dan para relawan dari berbagai desa. warga berharap air cepat surut karena sawah terendam.")
    doc = _with_model_ents(rules_nlp, text, [("fandi akhmad yani", "PER"), ("suyono", "PER")])
    found = {o["name"]: (o["title"], o["jurisdiction"]) for o in doc._.warta_officials}
    assert found == {"fandi akhmad yani": ("bupati", "35.25"), "suyono": ("camat", "35.25")}


def test_degrees_after_a_judge_are_not_more_judges(rules_nlp):
    text = "Sidang dipimpin hakim ketua Fauzi Isra, S.H., M.H., didampingi hakim anggota Masriati di Pengadilan Tipikor Palembang."
    doc = _with_model_ents(rules_nlp, text, [("S.H.", "PER"), ("M.H.", "PER"), ("Masriati", "PER")])
    assert sorted(o["name"] for o in doc._.warta_officials) == ["Fauzi Isra", "Masriati"]


def test_a_camat_of_a_kecamatan_name_unique_in_the_country(rules_nlp):
    found = officials(rules_nlp, "Camat Sepaku Hendrik Sulaiman meninjau lokasi pembangunan.")
    assert (found["Hendrik Sulaiman"]["jurisdiction"], found["Hendrik Sulaiman"]["kecamatan"]) == ("64.09", "64.09.04")


def test_a_puskesmas_head_after_an_honorific_gets_the_kecamatan(rules_nlp):
    doc = _with_model_ents(rules_nlp, "Kepala Puskesmas Ganding, dr. Moh. Hafid, mengatakan kasus turun di Kabupaten Sumenep.",
                           [("dr. Moh. Hafid", "ORG")])
    [hafid] = doc._.warta_officials
    assert (hafid["name"], hafid["jurisdiction"], hafid["kecamatan"]) == ("Moh. Hafid", "35.29", "35.29.10")
    assert [(e.text, e.label_) for e in doc.ents if e.label_ in ("PERSON", "ORGANIZATION")] == [("Moh. Hafid", "PERSON")]


# -- steps of the reader, one phenomenon each ------------------------------------------------------


def test_find_titles_skips_furniture_lines(rules_nlp):
    doc = rules_nlp("Baca Juga: Bupati Gowa Resmikan Pasar\n\nBupati Gowa Andi Rahmat meninjau pasar.")
    starts = [doc[s].text for s, _, _ in rules_nlp.get_pipe("warta_officials").find_titles(doc)]
    assert starts == ["Bupati"]
    assert [o["name"] for o in doc._.warta_officials] == ["Andi Rahmat"]


def test_a_common_word_after_a_title_is_not_a_name(rules_nlp):
    found = officials(rules_nlp, "Ketentuan itu mengatur Gubernur Masa Jabatan berikutnya. Para Kades Jadi Sasaran pemeriksaan.")
    assert found == {}


def test_glued_and_capitalised_ranks_are_not_names(rules_nlp):
    found = officials(rules_nlp, "Kapolda Sulsel Irjenpol Andi Baso Tenri dan Kasatreskrim Polres Gowa IPTU Hamka Daeng Ngawing hadir.")
    assert "Andi Baso Tenri" in found and found["Andi Baso Tenri"]["jurisdiction"] == "73"
    assert "Hamka Daeng Ngawing" in found


def test_holder_before_sebagai(rules_nlp):
    text = ("Bupati Gorontalo melantik pejabat kepala desa di Kabupaten Gorontalo.\n"
            "1. Rahmat Ilahude sebagai Pj. Kepala Desa Bongohulawa\n2. Sitti Mooduto sebagai Pj. Kepala Desa Tualango Baru")
    found = officials(rules_nlp, text)
    assert set(found) >= {"Rahmat Ilahude", "Sitti Mooduto"}
    assert "Bongohulawa" not in found and "Tualango Baru" not in found
    assert found["Rahmat Ilahude"]["jurisdiction"] == "75.01"  # the one kabupaten of the text


def test_holder_before_selaku_at_a_paragraph_start(rules_nlp):
    found = officials(rules_nlp, "Rapat berlangsung alot.\n\nSupriadi, selaku Ketua Komisi III DPR, menyatakan revisi akan dibahas.")
    assert found["Supriadi"]["institution"]["id"] == "dpr"


def test_office_in_parentheses_after_the_name(rules_nlp):
    found = officials(rules_nlp, "Jaksa menghadirkan saksi dari Pemko Pekanbaru: Dedi Saputra (Kepala BPKAD Pekanbaru), dan warga lain.")
    assert found["Dedi Saputra"]["title"].startswith("Kepala BPKAD")


def test_a_list_of_names_after_an_office_many_hold(rules_nlp):
    found = officials(rules_nlp, "Rapat pleno dihadiri Anggota KPU Rina Marlina, Joko Susilo, dan Yohana Wenda.")
    assert {"Rina Marlina", "Joko Susilo", "Yohana Wenda"} <= set(found)
    assert all(found[n]["institution"]["id"] == "kpu" for n in ("Joko Susilo", "Yohana Wenda"))


def test_a_list_does_not_run_into_the_next_office(rules_nlp):
    found = officials(rules_nlp, "Hadir Bupati Sleman Harda Kiswaya, Wakil Bupati Sleman Danang Maharsa, dan warga.")
    assert found["Harda Kiswaya"]["title"] == "Bupati"
    assert found["Danang Maharsa"]["title"] == "Wakil Bupati"


def test_jurisdiction_from_the_one_region_of_the_text(rules_nlp):
    found = officials(rules_nlp, "PALU, Warta - Gubernur Sulawesi Tengah Anwar Rahim datang bersama Wakil Gubernur dr. Ratna Lamadi.")
    assert found["Ratna Lamadi"]["jurisdiction"] == "72"


def test_no_jurisdiction_when_the_text_names_two_regions(rules_nlp):
    found = officials(rules_nlp, "Pertemuan di Kabupaten Garut dan Kabupaten Tasikmalaya dibuka Bupati Dadang Supriatna.")
    assert found["Dadang Supriatna"]["jurisdiction"] is None


def test_a_rank_after_a_generic_title_confirms_the_office(rules_nlp):
    found = officials(rules_nlp, "Kasus itu ditangani Kasubdit Tipikor Kompol Yosef Lamba bersama timnya.")
    assert found["Yosef Lamba"]["title"] == "Kasubdit Tipikor"
    assert officials(rules_nlp, "Ketua Panitia Yosef Lamba membuka acara.") == {}  # no rank, no public body


def test_a_local_office_with_its_place_and_no_holder_names_no_one(rules_nlp):
    found = officials(rules_nlp, "Warga Kabupaten Badung menunggu surat Kepala Desa Bongkasa, sementara Polda Bali memeriksa saksi.")
    assert found == {}


def test_the_unit_name_before_an_honorific_is_not_the_person(rules_nlp):
    found = officials(rules_nlp, "Hadir pula Direktur RSUD Wangaya dr. Ida Ayu Made Sari di Denpasar.")
    assert "Ida Ayu Made Sari" in found and "Wangaya" not in found


def test_degrees_before_a_bracketed_office_are_not_the_name(rules_nlp):
    found = officials(rules_nlp, "Api melukai AKP Kadek Wirawan, S.Sos (Kasat Binmas Polres Konawe) saat aksi.")
    assert "Kadek Wirawan" in found and "S.Sos" not in found


def test_city_police_after_the_city(rules_nlp):
    found = officials(rules_nlp, "Kapolresta Sorong Kota Kombes Pol. Yance Mambrasar menyampaikan hasil penyidikan.")
    assert found["Yance Mambrasar"]["jurisdiction"] == "96.71"


def test_a_government_unit_outside_the_catalog(rules_nlp):
    found = officials(rules_nlp, "Data itu disampaikan Kepala Disdikpora DIY, Sutrisno Hadi, kepada wartawan.")
    assert found["Sutrisno Hadi"]["title"] == "Kepala Disdikpora"
    assert found["Sutrisno Hadi"]["jurisdiction"] == "34"
    found = officials(rules_nlp, "Rapat di Kabupaten Sidoarjo dihadiri Kepala Dinas PUBMSDA Joko Priyanto bersama tim.")
    assert found["Joko Priyanto"]["jurisdiction"] == "35.15"  # the one kabupaten of the text


def test_a_company_unit_is_not_a_government_office(rules_nlp):
    assert officials(rules_nlp, "Kepala Bagian Umum PT Maju Jaya, Budi Hartono, hadir.") == {}
    assert officials(rules_nlp, "Kepala Disiplin Sekolah Budi Hartono hadir.") == {}


def test_members_of_the_one_dprd_of_the_text_in_a_list(rules_nlp):
    text = ("Jaksa memeriksa Ketua DPRD NTB Baiq Nurhayati, serta anggota dewan lain seperti Lalu Ahmad alias LA, "
            "Abdul Rahim, dan Nanik Sutanti.")
    found = officials(rules_nlp, text)
    assert {"Lalu Ahmad", "Abdul Rahim", "Nanik Sutanti"} <= set(found)
    assert found["Abdul Rahim"]["institution"]["id"] == "dprd:52"
    # with no DPRD in the text, "anggota dewan" names no body
    assert officials(rules_nlp, "Menurut anggota dewan Abdul Rahim, anggaran cukup.") == {}

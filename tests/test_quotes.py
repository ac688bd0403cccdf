"""Quotes as real portals set them: every style of mark, quotations left open, speakers given by a
title alone, by a pronoun or by nothing at all. All sentences and names are invented."""

from warta.quotes import find_quotations


def _quotes(doc):
    return [(q["speaker"], doc.text[q["start"] : q["end"]]) for q in doc._.warta_quotes]


def test_every_style_of_quotation_mark_is_paired():
    text = ("''Kami siap bekerja,'' kata Rina. ’’Jalan itu rusak,’’ ujar Rina. "
            "“Harga naik lagi,\" tutur Rina. \"Stok masih aman,” ucap Rina. Warga datang Jum’at lalu.")
    inside = [text[q.start : q.end] for q in find_quotations(text) if q.closed]
    assert inside == ["Kami siap bekerja,", "Jalan itu rusak,", "Harga naik lagi,", "Stok masih aman,"]


def test_mixed_and_doubled_marks_get_their_speaker(rules_nlp):
    doc = rules_nlp("Bupati Sleman Dewi Anggraini meninjau pasar.\n"
                    "\"Harga beras harus stabil sampai Lebaran,” ujar Dewi.\n"
                    "’’Kami akan menambah operasi pasar di tiap kecamatan,’’ kata Dewi.")
    assert _quotes(doc) == [("Dewi Anggraini", "Harga beras harus stabil sampai Lebaran,"),
                            ("Dewi Anggraini", "Kami akan menambah operasi pasar di tiap kecamatan,")]


def test_a_title_alone_after_the_verb_names_its_holder(rules_nlp):
    doc = rules_nlp("Kapolres Sleman AKBP Yuswanto Hadi menggelar rilis kasus. Kepala Dinas Sosial Kabupaten Sleman Rina Puspita hadir.\n"
                    "“Tiga pelaku sudah kami tahan di rutan,” ujar Kapolres kepada wartawan.\n"
                    "Ketua Majelis Hakim Bonifasius Sitepu membuka sidang di Pengadilan Negeri Sleman.\n"
                    "“Sidang dilanjutkan pekan depan dengan saksi,” kata hakim saat menutup sidang.")
    assert [q[0] for q in _quotes(doc)] == ["Yuswanto Hadi", "Bonifasius Sitepu"]


def test_ujarnya_looks_past_pronoun_sentences_and_objects_to_the_speaker(rules_nlp):
    doc = rules_nlp("Ketua KPU Kabupaten Sleman Arif Nugroho mengatakan rekapitulasi selesai tepat waktu.\n"
                    "Ia mengatakan, Wakil Bupati Sleman Hendra Wijaya ikut menyaksikan pleno.\n"
                    "“Semua saksi sudah menandatangani berita acara,” ujarnya.")
    assert _quotes(doc) == [("Arif Nugroho", "Semua saksi sudah menandatangani berita acara,")]


def test_a_speaker_named_after_a_speech_verb_in_narration_and_a_title_subject(rules_nlp):
    doc = rules_nlp("Kabidhumas Polda Riau Kombes Pol Sutrisno Aji membenarkan penangkapan itu. Tiga orang ditangkap di sebuah rumah makan.\n"
                    "Kabidhumas menambahkan, pelaku diserahkan kepada Kasat Reskrim Polres Kampar AKP Dodi Saputra.\n"
                    "“Kami dalami peran masing-masing,” pungkasnya.")
    assert [q[0] for q in _quotes(doc)] == ["Sutrisno Aji"]


def test_a_quotation_cut_off_at_the_end_of_the_text_keeps_the_last_speaker(rules_nlp):
    text = ("Pelatih Persiba Marco Weller puas dengan hasil laga.\n"
            "“Para pemain bekerja keras sejak menit pertama,” kata Marco Weller.\n"
            "Ia juga meminta pemain segera beristirahat.\n"
            "“Kami latihan lagi hari Senin dan berangkat ke Ambon pada")
    doc = rules_nlp(text)
    assert _quotes(doc) == [("Marco Weller", "Para pemain bekerja keras sejak menit pertama,"),
                            ("Marco Weller", "Kami latihan lagi hari Senin dan berangkat ke Ambon pada")]


def test_an_attribution_cut_off_mid_word_is_resolved_backwards(rules_nlp):
    doc = rules_nlp("Direktur Reskrimum Polda Maluku Kombes Pol Anton Latuconsina merilis kasus itu.\n"
                    "“Tersangka dijerat pasal pengeroyokan dengan ancaman lima tahun,” ungkap Kom")
    assert _quotes(doc) == [("Anton Latuconsina", "Tersangka dijerat pasal pengeroyokan dengan ancaman lima tahun,")]


def test_a_quotation_without_attribution_or_closing_mark_in_its_own_paragraph(rules_nlp):
    text = ("Kepala Dinas Pendidikan Kabupaten Sleman Yuniarti Lestari membenarkan data itu.\n"
            "\"Sebanyak 40 sekolah rusak berat. Kami ajukan perbaikannya tahun depan.\n"
            "Anggaran perbaikan diusulkan lewat DAK.\n"
            "\"Kami berharap semua sekolah aman dipakai,\" katanya.")
    doc = rules_nlp(text)
    assert _quotes(doc) == [("Yuniarti Lestari", "Sebanyak 40 sekolah rusak berat. Kami ajukan perbaikannya tahun depan."),
                            ("Yuniarti Lestari", "Kami berharap semua sekolah aman dipakai,")]


def test_verbs_the_press_uses_after_a_quotation(rules_nlp):
    doc = rules_nlp("Wakil Bupati Sleman Hendra Kusuma meninjau lokasi banjir.\n"
                    "“Pengungsi harus mendapat makanan tiga kali sehari,” beber Hendra.\n"
                    "Hendra berharap bantuan segera tiba.\n"
                    "“Kami tidak boleh lambat dalam urusan ini,” tutupnya.")
    assert [q[0] for q in _quotes(doc)] == ["Hendra Kusuma", "Hendra Kusuma"]


def test_the_speaker_after_a_colon_closing_the_paragraph_before(rules_nlp):
    doc = rules_nlp("Gubernur Jambi Ahmad Fauzan meninjau jalan provinsi. Kata Fauzan:\n\n“Semua jalan provinsi harus mantap tahun depan.”")
    assert _quotes(doc) == [("Ahmad Fauzan", "Semua jalan provinsi harus mantap tahun depan.")]


def test_an_unnamed_speaker_is_nobody_not_the_last_official(rules_nlp):
    doc = rules_nlp("Bupati Sleman Dewi Anggraini meninjau pasar.\n"
                    "Seorang pedagang sayur yang enggan disebut namanya mengeluhkan harga cabai.\n"
                    "“Modal kami habis untuk kulakan,” katanya.\n"
                    "Salah seorang warga Desa Sukamaju, Sarinah (52), mengaku belum menerima bantuan.\n"
                    "“Kami belum didata petugas,” ujarnya.")
    assert _quotes(doc) == [(None, "Modal kami habis untuk kulakan,"), ("Sarinah", "Kami belum didata petugas,")]


def test_quotations_in_page_furniture_are_not_quotes(rules_nlp):
    doc = rules_nlp("Bupati Sleman Dewi Anggraini meninjau pasar.\n"
                    "Baca Juga: Bupati Dewi: \"Kami Siap Bangun Pasar Baru Tahun Ini\"\n"
                    "“Pasar ini akan direnovasi bertahap,” ujar Dewi.")
    assert _quotes(doc) == [("Dewi Anggraini", "Pasar ini akan direnovasi bertahap,")]

"""names.py: the one judgement of whether words are a person's name."""

from warta.names import clean_name, is_common_word, is_honorific, looks_like_name, name_length, skip_honorifics


def test_common_words_do_not_open_a_name():
    for words in (["Periode"], ["Upaya"], ["Masa", "Jabatan"], ["Jadi", "Tersangka"], ["Perwakilan"]):
        assert name_length(words) == 0, words
        assert not looks_like_name(words)


def test_given_names_that_are_rare_as_words_are_names():
    assert looks_like_name(["Budi", "Santoso"])
    assert looks_like_name(["Citra", "Dewi"])
    assert name_length(["Mario", "Adil", ")"]) == 2  # a later word may be a common word


def test_clitics_come_off_before_the_lookup():
    assert is_common_word("Upayanya")
    assert not is_common_word("Anwar")


def test_name_stops_at_degrees_and_lowercase_words():
    assert name_length(["Rudi", "Hartono", "S.H.", "mengatakan"]) == 2
    assert name_length(["Rudi", "Hartono", "mengatakan"]) == 2


def test_middle_initials_particles_and_openers():
    assert name_length(["Krisno", "H", "Siregar"]) == 3
    assert name_length(["Wa", "Ode", "Nurhayati"]) == 3
    assert name_length(["Lalu", "Muhammad", "Zaini"]) == 3
    assert name_length(["Anak", "Agung", "Ngurah", "Bagus"]) == 4
    assert name_length(["Lalu", ","]) == 0  # "lalu" alone is the word "then"


def test_initials_alone_are_not_a_name():
    assert not looks_like_name(["AS"])
    assert not looks_like_name(["H."])


def test_ranks_in_every_spelling_are_skipped():
    assert is_honorific("IPTU") and is_honorific("Iptu") and is_honorific("iptu")
    assert is_honorific("Kombespol") and is_honorific("Irjenpol")
    assert skip_honorifics(["AKBP", "Dr.", "H.", "Yusran", "Dalle"]) == 3
    assert skip_honorifics(["Kombes", "Pol.", "Rahmat"]) == 2
    assert skip_honorifics(["Yusran"]) == 0


def test_clean_name_drops_ranks_and_degrees():
    assert clean_name(["Irjenpol", "Andi", "Baso", "S.H.", "M.H."]) == "Andi Baso"
    assert clean_name(["IPTU", "Fajar", "W", "Lubis", "S.Tr.K"]) == "Fajar W Lubis"

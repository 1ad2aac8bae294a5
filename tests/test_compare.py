from guidesite.compare import differences


def test_identical_output_matches():
    assert differences("Step: 0 Loss: 2.30", "Step: 0 Loss: 2.30") == []


def test_numbers_within_tolerance_match():
    assert differences("Loss: 0.0747770127", "Loss: 0.0747771") == []
    assert differences("accuracy: 0.942", "accuracy: 0.943") == []  # last printed digit


def test_numbers_outside_tolerance_fail():
    problems = differences("Loss: 0.0747", "Loss: 0.0900")
    assert len(problems) == 1 and "0.0900" in problems[0]


def test_labels_must_match():
    assert differences("Step: 0 Loss: 1.0", "Schritt: 0 Loss: 1.0")


def test_line_count_must_match():
    assert differences("a\nb", "a")


def test_durations_and_addresses_are_ignored():
    published = "1875/1875 ━━━━ 13s 5ms/step - loss: 0.0714\n\n<History at 0x…>"
    fresh = "1875/1875 ━━━━ 9s 4ms/step - loss: 0.0714\n\n<History at 0x7f00deadbeef>"
    assert differences(published, fresh) == []

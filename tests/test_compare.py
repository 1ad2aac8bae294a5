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


# The tolerance model (compare.py; measured in bench/reproducibility.py).
from guidesite.compare import Tolerance, line_difference, number_kinds, tolerance_for  # noqa: E402

TRAINED = Tolerance(cell_from_training=True)
PROGRESS = "80/80 - 2s - 19ms/step - acc: 0.9339 - loss: 0.2265 - val_acc: 0.9511 - val_loss: 0.1650"


def test_a_number_changed_by_one_percent_in_a_deterministic_block_fails():
    assert differences("mean: 0.123456", "mean: 0.124691")  # +1%
    assert differences("Total params: 10,250", "Total params: 10,251")  # integers are exact
    assert differences("[0.5403023 0.4161468]", "[0.5457053 0.4161468]")


def test_round_off_of_a_deterministic_block_passes():
    assert differences("mean: 0.12345678", "mean: 0.12345679") == []  # float32 round-off, last digit
    assert differences("mean: 0.1235", "mean: 0.1234") == []  # a value on a rounding boundary


def test_training_metrics_drift_within_the_training_tolerance():
    # Measured across CPUs (AMD EPYC record, Intel Xeon run): val_loss 0.1650 -> 0.1648 (1.2e-3).
    assert differences(PROGRESS, PROGRESS.replace("0.1650", "0.1648")) == []
    assert differences("Epoch 2: val_loss improved from 0.24490 to 0.15820", "Epoch 2: val_loss improved "
                       "from 0.24510 to 0.15800") == []


def test_a_training_metric_changed_by_five_percent_fails():
    problems = differences(PROGRESS, PROGRESS.replace("0.1650", "0.1733"))
    assert len(problems) == 1 and "0.1733" in problems[0] and "from training" in problems[0]
    assert differences("loss [0.8906, 0.2289]", "loss [0.8906, 0.2403]", TRAINED)


def test_step_counts_and_epochs_in_a_progress_line_stay_exact():
    assert number_kinds(PROGRESS) == ["exact", "exact"] + ["training"] * 4
    assert differences(PROGRESS, PROGRESS.replace("80/80", "79/79"))


def test_a_cell_marked_as_training_output_compares_every_number_as_training():
    assert differences("loss [0.8906, 0.2289]", "loss [0.8906, 0.2291]") != []
    assert differences("loss [0.8906, 0.2289]", "loss [0.8906, 0.2291]", TRAINED) == []
    assert differences("correct: 9339 of 10000", "correct: 9342 of 10000", TRAINED) == []
    assert line_difference("correct: 9339", "correct: 9342") is not None


def test_the_guide_header_sets_the_training_tolerance():
    wide = tolerance_for({"tolerance": 0.1}, ("tolerance-training",))
    assert wide == Tolerance(training=0.1, cell_from_training=True)
    assert differences(PROGRESS, PROGRESS.replace("0.1650", "0.1733"), wide) == []
    assert tolerance_for({}, ()) == Tolerance()

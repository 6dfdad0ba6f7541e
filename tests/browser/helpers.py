from tests.factories import TEST_PASSWORD


def log_in(page, base_url: str, username: str, password: str = TEST_PASSWORD) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Log in").click()
    # Wait for the page after the log-in, not the login page's own load state
    # (a click on the login page's language switch would carry its old token).
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.wait_for_load_state()


def tap_scale(page, field: str, value: int) -> None:
    """Tap a number on a 0-10 scale, as a thumb would: on its button."""
    page.locator(f'label[for="id_{field}_{value}"]').click()

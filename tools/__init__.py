"""Tools of the project's own build (the documentation's hooks); not shipped."""

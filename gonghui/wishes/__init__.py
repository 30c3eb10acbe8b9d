"""微心愿: wishes of needy workers, collected, vetted, published, claimed, delivered, thanked."""

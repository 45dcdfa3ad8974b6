"""What the article says who said: attributions, their sources, actors, stance, sides and balance."""
